-- AlterTable
ALTER TABLE "Equipe" ADD COLUMN     "actif" BOOLEAN NOT NULL DEFAULT true;

