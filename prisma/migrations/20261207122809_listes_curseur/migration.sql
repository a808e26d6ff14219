-- DropIndex
DROP INDEX "Parcours_departement_enRetard_echeance_etapeDepuis_idx";

-- DropIndex
DROP INDEX "Parcours_territoireId_enRetard_echeance_etapeDepuis_idx";

-- CreateIndex
CREATE INDEX "Parcours_departement_urgence_enRetard_echeance_etapeDepuis__idx" ON "Parcours"("departement", "urgence" DESC, "enRetard" DESC, "echeance", "etapeDepuis", "id");

-- CreateIndex
CREATE INDEX "Parcours_territoireId_urgence_enRetard_echeance_etapeDepuis_idx" ON "Parcours"("territoireId", "urgence" DESC, "enRetard" DESC, "echeance", "etapeDepuis", "id");

