-- AlterTable
ALTER TABLE "Parcours" ADD COLUMN     "incident" TEXT,
ADD COLUMN     "incidentLe" TIMESTAMP(3);

-- CreateIndex
CREATE INDEX "Parcours_incidentLe_idx" ON "Parcours"("incidentLe");

