-- CreateTable
CREATE TABLE "AbonnementWebhook" (
    "id" UUID NOT NULL,
    "departement" TEXT NOT NULL,
    "partenaire" TEXT NOT NULL,
    "url" TEXT NOT NULL,
    "secret" TEXT NOT NULL,
    "types" TEXT[],
    "territoireIds" TEXT[],
    "actif" BOOLEAN NOT NULL DEFAULT true,
    "creeLe" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "creePar" TEXT NOT NULL,
    "desactiveLe" TIMESTAMP(3),
    "motifDesactivation" TEXT,

    CONSTRAINT "AbonnementWebhook_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "LivraisonWebhook" (
    "id" UUID NOT NULL,
    "abonnementId" UUID NOT NULL,
    "evenementId" UUID NOT NULL,
    "parcoursId" UUID NOT NULL,
    "type" TEXT NOT NULL,
    "corps" TEXT NOT NULL,
    "statut" TEXT NOT NULL DEFAULT 'en_attente',
    "tentatives" INTEGER NOT NULL DEFAULT 0,
    "dernierStatutHttp" INTEGER,
    "derniereErreur" TEXT,
    "creeLe" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "derniereTentativeLe" TIMESTAMP(3),
    "prochainEssaiLe" TIMESTAMP(3),
    "livreeLe" TIMESTAMP(3),

    CONSTRAINT "LivraisonWebhook_pkey" PRIMARY KEY ("id")
);

-- CreateIndex
CREATE INDEX "AbonnementWebhook_departement_actif_idx" ON "AbonnementWebhook"("departement", "actif");

-- CreateIndex
CREATE INDEX "LivraisonWebhook_abonnementId_creeLe_idx" ON "LivraisonWebhook"("abonnementId", "creeLe");

-- CreateIndex
CREATE INDEX "LivraisonWebhook_parcoursId_idx" ON "LivraisonWebhook"("parcoursId");

-- CreateIndex
CREATE INDEX "LivraisonWebhook_statut_idx" ON "LivraisonWebhook"("statut");

-- CreateIndex
CREATE UNIQUE INDEX "LivraisonWebhook_abonnementId_evenementId_key" ON "LivraisonWebhook"("abonnementId", "evenementId");

-- AddForeignKey
ALTER TABLE "LivraisonWebhook" ADD CONSTRAINT "LivraisonWebhook_abonnementId_fkey" FOREIGN KEY ("abonnementId") REFERENCES "AbonnementWebhook"("id") ON DELETE RESTRICT ON UPDATE CASCADE;

