FROM node:20-bookworm-slim
WORKDIR /app
# pg_dump and pg_restore for `npm run cli -- backup/restore` (bookworm's client is 15, as docker-compose's server)
RUN apt-get update && apt-get install -y --no-install-recommends postgresql-client && rm -rf /var/lib/apt/lists/*
COPY package.json package-lock.json ./
RUN npm ci
COPY . .
RUN npm run build && npm prune --omit=dev
ENV NODE_ENV=production
EXPOSE 3000
CMD ["node", "dist/api/src/main.js"]
