-- AlterTable
ALTER TABLE "Parcours" ADD COLUMN     "echeances" JSONB NOT NULL DEFAULT '[]',
ADD COLUMN     "objectifs" JSONB NOT NULL DEFAULT '[]';

-- CreateTable
CREATE TABLE "Notification" (
    "cle" TEXT NOT NULL,
    "parcoursId" UUID NOT NULL,
    "modele" TEXT NOT NULL,
    "destinataire" JSONB NOT NULL,
    "donnees" JSONB NOT NULL,
    "statut" TEXT NOT NULL DEFAULT 'a_envoyer',
    "adresses" TEXT[],
    "tentatives" INTEGER NOT NULL DEFAULT 0,
    "derniereErreur" TEXT,
    "creeLe" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "envoyeLe" TIMESTAMP(3),

    CONSTRAINT "Notification_pkey" PRIMARY KEY ("cle")
);

-- CreateIndex
CREATE INDEX "Notification_statut_idx" ON "Notification"("statut");

-- CreateIndex
CREATE INDEX "Notification_parcoursId_idx" ON "Notification"("parcoursId");

