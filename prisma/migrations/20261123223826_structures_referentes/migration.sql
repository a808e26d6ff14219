-- AlterTable
ALTER TABLE "Parcours" ADD COLUMN     "structureId" TEXT;

-- AlterTable
ALTER TABLE "Agent" ADD COLUMN     "structureId" TEXT;

-- CreateTable
CREATE TABLE "StructureReferente" (
    "id" TEXT NOT NULL,
    "departement" TEXT NOT NULL,
    "nom" TEXT NOT NULL,
    "type" TEXT NOT NULL,
    "conventionReference" TEXT,
    "conventionDebut" DATE,
    "conventionFin" DATE,
    "delaiDesignationJours" INTEGER NOT NULL DEFAULT 15,
    "actif" BOOLEAN NOT NULL DEFAULT true,

    CONSTRAINT "StructureReferente_pkey" PRIMARY KEY ("id")
);

-- CreateIndex
CREATE INDEX "StructureReferente_departement_idx" ON "StructureReferente"("departement");

-- CreateIndex
CREATE INDEX "Agent_structureId_idx" ON "Agent"("structureId");

