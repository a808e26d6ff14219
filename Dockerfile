# Image for the worker, the API and the migrations (docker-compose.yml): same code, different command.
FROM node:20-bookworm-slim
WORKDIR /app
COPY . .
# `prepare` generates the Prisma client and builds the screens (web/dist). npm ci refuses npm 11's lockfile
# here (optional packages of other platforms are missing from it), hence npm install.
RUN npm install && npm cache clean --force
ENV NODE_ENV=production
CMD ["npm", "run", "api"]
