-- CreateTable
CREATE TABLE "SessionEquipe" (
    "id" UUID NOT NULL,
    "departement" TEXT NOT NULL,
    "territoireId" TEXT NOT NULL,
    "equipeId" TEXT NOT NULL,
    "le" TIMESTAMP(3) NOT NULL,
    "lieu" TEXT NOT NULL,
    "membres" TEXT[],
    "membresPresents" TEXT[],
    "quorum" INTEGER NOT NULL,
    "statut" TEXT NOT NULL,
    "convocationLe" TIMESTAMP(3) NOT NULL,
    "acteur" TEXT NOT NULL,
    "creeLe" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "closeLe" TIMESTAMP(3),
    "termineeLe" TIMESTAMP(3),
    "pv" BYTEA,

    CONSTRAINT "SessionEquipe_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "DossierSession" (
    "id" UUID NOT NULL,
    "sessionId" UUID NOT NULL,
    "parcoursId" UUID NOT NULL,
    "usagerId" UUID NOT NULL,
    "nature" TEXT NOT NULL,
    "rang" INTEGER NOT NULL,
    "convoqueLe" TIMESTAMP(3),
    "presence" TEXT,
    "observations" TEXT,
    "decision" JSONB,
    "issue" TEXT,
    "issueMotif" TEXT,
    "notifieLe" TIMESTAMP(3),

    CONSTRAINT "DossierSession_pkey" PRIMARY KEY ("id")
);

-- CreateIndex
CREATE INDEX "SessionEquipe_departement_le_idx" ON "SessionEquipe"("departement", "le");

-- CreateIndex
CREATE INDEX "SessionEquipe_territoireId_le_idx" ON "SessionEquipe"("territoireId", "le");

-- CreateIndex
CREATE INDEX "DossierSession_parcoursId_idx" ON "DossierSession"("parcoursId");

-- CreateIndex
CREATE UNIQUE INDEX "DossierSession_sessionId_parcoursId_key" ON "DossierSession"("sessionId", "parcoursId");

-- AddForeignKey
ALTER TABLE "DossierSession" ADD CONSTRAINT "DossierSession_sessionId_fkey" FOREIGN KEY ("sessionId") REFERENCES "SessionEquipe"("id") ON DELETE RESTRICT ON UPDATE CASCADE;

