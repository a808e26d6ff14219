-- CreateTable
CREATE TABLE "Simulation" (
    "id" UUID NOT NULL,
    "departement" TEXT NOT NULL,
    "acteur" TEXT NOT NULL,
    "parametres" JSONB NOT NULL,
    "statut" TEXT NOT NULL,
    "journal" TEXT[],
    "resultat" JSONB,
    "erreur" TEXT,
    "creeLe" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "commenceLe" TIMESTAMP(3),
    "termineLe" TIMESTAMP(3),

    CONSTRAINT "Simulation_pkey" PRIMARY KEY ("id")
);

-- CreateIndex
CREATE INDEX "Simulation_departement_creeLe_idx" ON "Simulation"("departement", "creeLe");

