# Image for the worker and the API (docker-compose.yml). Same code, different command.
FROM node:20-bookworm-slim
WORKDIR /app
COPY package.json package-lock.json ./
COPY prisma ./prisma
COPY prisma.config.ts tsconfig.json ./
COPY scripts ./scripts
COPY infra ./infra
RUN npm ci
COPY . .
ENV NODE_ENV=production
CMD ["npm", "run", "api"]
