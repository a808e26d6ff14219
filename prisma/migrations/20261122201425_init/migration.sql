-- CreateSchema
CREATE SCHEMA IF NOT EXISTS "public";

-- CreateTable
CREATE TABLE "Usager" (
    "id" UUID NOT NULL,
    "nom" TEXT NOT NULL,
    "prenom" TEXT NOT NULL,
    "dateNaissance" DATE,
    "communeCode" TEXT,
    "telephone" TEXT,
    "email" TEXT,
    "creeLe" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "modifieLe" TIMESTAMP(3) NOT NULL,

    CONSTRAINT "Usager_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "Parcours" (
    "id" UUID NOT NULL,
    "workflowId" TEXT NOT NULL,
    "usagerId" UUID NOT NULL,
    "departement" TEXT NOT NULL,
    "etape" TEXT NOT NULL,
    "statut" TEXT NOT NULL,
    "besoins" TEXT[],
    "urgence" BOOLEAN NOT NULL DEFAULT false,
    "lieuAccueilId" TEXT,
    "territoireId" TEXT,
    "equipeId" TEXT,
    "referentId" TEXT,
    "typeAccompagnement" TEXT,
    "echeance" TIMESTAMP(3),
    "enRetard" BOOLEAN NOT NULL DEFAULT false,
    "etapeDepuis" TIMESTAMP(3) NOT NULL,
    "ouvertLe" TIMESTAMP(3) NOT NULL,
    "closLe" TIMESTAMP(3),
    "motifCloture" TEXT,
    "version" INTEGER NOT NULL,
    "modifieLe" TIMESTAMP(3) NOT NULL,

    CONSTRAINT "Parcours_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "ParcoursEvenement" (
    "id" BIGSERIAL NOT NULL,
    "parcoursId" UUID NOT NULL,
    "seq" INTEGER NOT NULL,
    "type" TEXT NOT NULL,
    "acteur" TEXT NOT NULL,
    "survenuLe" TIMESTAMP(3) NOT NULL,
    "donnees" JSONB NOT NULL,
    "enregistreLe" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "ParcoursEvenement_pkey" PRIMARY KEY ("id")
);

-- CreateIndex
CREATE INDEX "Usager_nom_prenom_idx" ON "Usager"("nom", "prenom");

-- CreateIndex
CREATE UNIQUE INDEX "Parcours_workflowId_key" ON "Parcours"("workflowId");

-- CreateIndex
CREATE INDEX "Parcours_usagerId_idx" ON "Parcours"("usagerId");

-- CreateIndex
CREATE INDEX "Parcours_etape_enRetard_idx" ON "Parcours"("etape", "enRetard");

-- CreateIndex
CREATE INDEX "Parcours_territoireId_idx" ON "Parcours"("territoireId");

-- CreateIndex
CREATE INDEX "Parcours_equipeId_idx" ON "Parcours"("equipeId");

-- CreateIndex
CREATE INDEX "Parcours_referentId_idx" ON "Parcours"("referentId");

-- CreateIndex
CREATE INDEX "ParcoursEvenement_parcoursId_survenuLe_idx" ON "ParcoursEvenement"("parcoursId", "survenuLe");

-- CreateIndex
CREATE UNIQUE INDEX "ParcoursEvenement_parcoursId_seq_key" ON "ParcoursEvenement"("parcoursId", "seq");

-- AddForeignKey
ALTER TABLE "Parcours" ADD CONSTRAINT "Parcours_usagerId_fkey" FOREIGN KEY ("usagerId") REFERENCES "Usager"("id") ON DELETE RESTRICT ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "ParcoursEvenement" ADD CONSTRAINT "ParcoursEvenement_parcoursId_fkey" FOREIGN KEY ("parcoursId") REFERENCES "Parcours"("id") ON DELETE RESTRICT ON UPDATE CASCADE;

