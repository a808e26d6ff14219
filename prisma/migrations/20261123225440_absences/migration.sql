-- AlterTable
ALTER TABLE "Parcours" ADD COLUMN     "interimId" TEXT,
ADD COLUMN     "repreneurPropose" TEXT;

-- CreateTable
CREATE TABLE "Absence" (
    "id" UUID NOT NULL,
    "departement" TEXT NOT NULL,
    "agentId" TEXT NOT NULL,
    "interimId" TEXT NOT NULL,
    "du" TIMESTAMPTZ(3) NOT NULL,
    "au" TIMESTAMPTZ(3) NOT NULL,
    "motif" TEXT NOT NULL,
    "statut" TEXT NOT NULL DEFAULT 'prevue',
    "parcoursConfies" INTEGER NOT NULL DEFAULT 0,
    "creePar" TEXT NOT NULL,
    "creeLe" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "Absence_pkey" PRIMARY KEY ("id")
);

-- CreateIndex
CREATE INDEX "Absence_agentId_du_idx" ON "Absence"("agentId", "du");

-- CreateIndex
CREATE INDEX "Absence_departement_au_idx" ON "Absence"("departement", "au");

-- CreateIndex
CREATE INDEX "Parcours_interimId_idx" ON "Parcours"("interimId");

