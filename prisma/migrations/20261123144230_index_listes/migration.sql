-- DropIndex
DROP INDEX "Parcours_territoireId_idx";

-- CreateIndex
CREATE INDEX "Parcours_departement_enRetard_echeance_etapeDepuis_idx" ON "Parcours"("departement", "enRetard" DESC, "echeance", "etapeDepuis");

-- CreateIndex
CREATE INDEX "Parcours_territoireId_enRetard_echeance_etapeDepuis_idx" ON "Parcours"("territoireId", "enRetard" DESC, "echeance", "etapeDepuis");

