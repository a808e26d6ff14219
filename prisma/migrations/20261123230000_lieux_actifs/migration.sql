-- AlterTable
ALTER TABLE "LieuAccueil" ADD COLUMN     "actif" BOOLEAN NOT NULL DEFAULT true;

