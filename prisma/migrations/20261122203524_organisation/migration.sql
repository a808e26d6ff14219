-- CreateTable
CREATE TABLE "Commune" (
    "code" TEXT NOT NULL,
    "nom" TEXT NOT NULL,
    "departement" TEXT NOT NULL,
    "codesPostaux" TEXT[],
    "population" INTEGER,
    "epciSiren" TEXT,
    "epciNom" TEXT,
    "latitude" DOUBLE PRECISION NOT NULL,
    "longitude" DOUBLE PRECISION NOT NULL,
    "sourcePoint" TEXT,

    CONSTRAINT "Commune_pkey" PRIMARY KEY ("code")
);

-- CreateTable
CREATE TABLE "CommuneAncienCode" (
    "code" TEXT NOT NULL,
    "nom" TEXT,
    "nature" TEXT NOT NULL,
    "communeCode" TEXT NOT NULL,

    CONSTRAINT "CommuneAncienCode_pkey" PRIMARY KEY ("code")
);

-- CreateTable
CREATE TABLE "Agence" (
    "id" TEXT NOT NULL,
    "departement" TEXT NOT NULL,
    "nom" TEXT NOT NULL,

    CONSTRAINT "Agence_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "Territoire" (
    "id" TEXT NOT NULL,
    "departement" TEXT NOT NULL,
    "nom" TEXT NOT NULL,
    "agenceId" TEXT,

    CONSTRAINT "Territoire_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "TerritoireCommune" (
    "communeCode" TEXT NOT NULL,
    "territoireId" TEXT NOT NULL,

    CONSTRAINT "TerritoireCommune_pkey" PRIMARY KEY ("communeCode")
);

-- CreateTable
CREATE TABLE "Equipe" (
    "id" TEXT NOT NULL,
    "territoireId" TEXT NOT NULL,
    "nom" TEXT NOT NULL,
    "poles" TEXT[],

    CONSTRAINT "Equipe_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "Agent" (
    "id" TEXT NOT NULL,
    "departement" TEXT NOT NULL,
    "equipeId" TEXT,
    "prenom" TEXT NOT NULL,
    "nom" TEXT NOT NULL,
    "email" TEXT NOT NULL,
    "roles" TEXT[],
    "pole" TEXT,
    "capacite" INTEGER NOT NULL,
    "actif" BOOLEAN NOT NULL DEFAULT true,

    CONSTRAINT "Agent_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "LieuAccueil" (
    "id" TEXT NOT NULL,
    "type" TEXT NOT NULL,
    "nom" TEXT NOT NULL,
    "adresse" TEXT,
    "communeCode" TEXT NOT NULL,
    "latitude" DOUBLE PRECISION NOT NULL,
    "longitude" DOUBLE PRECISION NOT NULL,
    "horaires" JSONB NOT NULL,
    "partenaire" BOOLEAN NOT NULL,
    "telephone" TEXT,
    "email" TEXT,
    "source" TEXT NOT NULL,

    CONSTRAINT "LieuAccueil_pkey" PRIMARY KEY ("id")
);

-- CreateIndex
CREATE INDEX "Commune_departement_idx" ON "Commune"("departement");

-- CreateIndex
CREATE INDEX "CommuneAncienCode_communeCode_idx" ON "CommuneAncienCode"("communeCode");

-- CreateIndex
CREATE INDEX "Territoire_departement_idx" ON "Territoire"("departement");

-- CreateIndex
CREATE INDEX "TerritoireCommune_territoireId_idx" ON "TerritoireCommune"("territoireId");

-- CreateIndex
CREATE INDEX "Equipe_territoireId_idx" ON "Equipe"("territoireId");

-- CreateIndex
CREATE UNIQUE INDEX "Agent_email_key" ON "Agent"("email");

-- CreateIndex
CREATE INDEX "Agent_equipeId_idx" ON "Agent"("equipeId");

-- CreateIndex
CREATE INDEX "LieuAccueil_communeCode_idx" ON "LieuAccueil"("communeCode");

-- AddForeignKey
ALTER TABLE "CommuneAncienCode" ADD CONSTRAINT "CommuneAncienCode_communeCode_fkey" FOREIGN KEY ("communeCode") REFERENCES "Commune"("code") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "Territoire" ADD CONSTRAINT "Territoire_agenceId_fkey" FOREIGN KEY ("agenceId") REFERENCES "Agence"("id") ON DELETE SET NULL ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "TerritoireCommune" ADD CONSTRAINT "TerritoireCommune_territoireId_fkey" FOREIGN KEY ("territoireId") REFERENCES "Territoire"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "Equipe" ADD CONSTRAINT "Equipe_territoireId_fkey" FOREIGN KEY ("territoireId") REFERENCES "Territoire"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "Agent" ADD CONSTRAINT "Agent_equipeId_fkey" FOREIGN KEY ("equipeId") REFERENCES "Equipe"("id") ON DELETE SET NULL ON UPDATE CASCADE;

