-- AlterTable
ALTER TABLE "Usager" ADD COLUMN     "numeroAllocataire" TEXT,
ADD COLUMN     "roleAllocataire" TEXT;

-- CreateTable
CREATE TABLE "ImportFlux" (
    "id" UUID NOT NULL,
    "departement" TEXT NOT NULL,
    "source" TEXT NOT NULL,
    "nomFichier" TEXT NOT NULL,
    "empreinte" TEXT NOT NULL,
    "acteur" TEXT NOT NULL,
    "creeLe" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "termineLe" TIMESTAMP(3),

    CONSTRAINT "ImportFlux_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "ImportFluxLigne" (
    "importId" UUID NOT NULL,
    "rang" INTEGER NOT NULL,
    "donnees" JSONB,
    "issue" TEXT NOT NULL,
    "erreurs" JSONB,
    "usagerId" UUID,
    "parcoursId" UUID,

    CONSTRAINT "ImportFluxLigne_pkey" PRIMARY KEY ("importId","rang")
);

-- CreateIndex
CREATE INDEX "ImportFlux_departement_creeLe_idx" ON "ImportFlux"("departement", "creeLe");

-- CreateIndex
CREATE INDEX "ImportFluxLigne_importId_issue_idx" ON "ImportFluxLigne"("importId", "issue");

-- CreateIndex
CREATE UNIQUE INDEX "Usager_numeroAllocataire_roleAllocataire_key" ON "Usager"("numeroAllocataire", "roleAllocataire");

-- AddForeignKey
ALTER TABLE "ImportFluxLigne" ADD CONSTRAINT "ImportFluxLigne_importId_fkey" FOREIGN KEY ("importId") REFERENCES "ImportFlux"("id") ON DELETE RESTRICT ON UPDATE CASCADE;

