-- AlterTable
ALTER TABLE "Usager" ADD COLUMN     "smsConsentementLe" TIMESTAMP(3),
ADD COLUMN     "smsStopLe" TIMESTAMP(3);

-- CreateTable
CREATE TABLE "EnvoiSms" (
    "cle" TEXT NOT NULL,
    "parcoursId" UUID NOT NULL,
    "statut" TEXT NOT NULL,
    "idFournisseur" TEXT,
    "tentatives" INTEGER NOT NULL DEFAULT 0,
    "derniereErreur" TEXT,
    "creeLe" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "envoyeLe" TIMESTAMP(3),
    "distribueLe" TIMESTAMP(3),

    CONSTRAINT "EnvoiSms_pkey" PRIMARY KEY ("cle")
);

-- CreateTable
CREATE TABLE "LienUsager" (
    "id" UUID NOT NULL,
    "parcoursId" UUID NOT NULL,
    "usagerId" UUID NOT NULL,
    "portee" TEXT NOT NULL,
    "envoiQuestionnaireId" TEXT,
    "creeLe" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "expireLe" TIMESTAMP(3) NOT NULL,
    "revoqueLe" TIMESTAMP(3),
    "motifRevocation" TEXT,
    "revoquePar" TEXT,

    CONSTRAINT "LienUsager_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "EnvoiQuestionnaire" (
    "id" TEXT NOT NULL,
    "departement" TEXT NOT NULL,
    "territoireId" TEXT NOT NULL,
    "jalon" TEXT NOT NULL,
    "mois" DATE NOT NULL,
    "envoyeLe" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "reponduLe" TIMESTAMP(3),

    CONSTRAINT "EnvoiQuestionnaire_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "ReponseSatisfaction" (
    "id" UUID NOT NULL,
    "departement" TEXT NOT NULL,
    "territoireId" TEXT NOT NULL,
    "jalon" TEXT NOT NULL,
    "mois" DATE NOT NULL,
    "notes" JSONB NOT NULL,
    "commentaire" TEXT,

    CONSTRAINT "ReponseSatisfaction_pkey" PRIMARY KEY ("id")
);

-- CreateIndex
CREATE INDEX "EnvoiSms_parcoursId_idx" ON "EnvoiSms"("parcoursId");

-- CreateIndex
CREATE INDEX "EnvoiSms_idFournisseur_idx" ON "EnvoiSms"("idFournisseur");

-- CreateIndex
CREATE INDEX "LienUsager_parcoursId_idx" ON "LienUsager"("parcoursId");

-- CreateIndex
CREATE INDEX "EnvoiQuestionnaire_departement_territoireId_mois_idx" ON "EnvoiQuestionnaire"("departement", "territoireId", "mois");

-- CreateIndex
CREATE INDEX "ReponseSatisfaction_departement_territoireId_mois_idx" ON "ReponseSatisfaction"("departement", "territoireId", "mois");
