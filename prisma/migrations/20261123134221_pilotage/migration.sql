-- CreateTable
CREATE TABLE "PilotageAgregat" (
    "departement" TEXT NOT NULL,
    "territoireId" TEXT NOT NULL,
    "equipeId" TEXT NOT NULL,
    "referentId" TEXT NOT NULL,
    "mesure" TEXT NOT NULL,
    "objet" TEXT NOT NULL,
    "issue" TEXT NOT NULL,
    "mois" DATE NOT NULL,
    "jours" INTEGER NOT NULL,
    "n" INTEGER NOT NULL,

    CONSTRAINT "PilotageAgregat_pkey" PRIMARY KEY ("departement","equipeId","territoireId","mesure","mois","referentId","objet","issue","jours")
);

-- CreateIndex
CREATE INDEX "PilotageAgregat_departement_referentId_mesure_mois_idx" ON "PilotageAgregat"("departement", "referentId", "mesure", "mois");

-- CreateIndex
CREATE INDEX "Parcours_departement_statut_etape_etapeDepuis_enRetard_idx" ON "Parcours"("departement", "statut", "etape", "etapeDepuis", "enRetard");

-- CreateIndex
CREATE INDEX "Parcours_departement_statut_referentId_enRetard_idx" ON "Parcours"("departement", "statut", "referentId", "enRetard");

