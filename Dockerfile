# A tag, not a digest: pinned to the Node 20.19 line (the engines field) on Debian bookworm.
FROM node:20.19-bookworm-slim
WORKDIR /app
ENV NODE_ENV=production
# DejaVu Sans is embedded in the PDFs (the rapor, the decree attachment); KIP_FONT_DIR points at it
RUN apt-get update \
 && apt-get install -y --no-install-recommends fonts-dejavu-core \
 && rm -rf /var/lib/apt/lists/*
COPY package.json package-lock.json ./
RUN npm ci --omit=dev --no-audit --no-fund
COPY bin ./bin
COPY src ./src
COPY migrations ./migrations
COPY tsconfig.json ./
RUN npm run build
# DATA_DIR (the embedded database, evidence files) belongs to the user the service runs as; a volume
# mounted on /data starts from this directory's owner
RUN mkdir -p /data && chown node:node /data
ENV DATA_DIR=/data
VOLUME /data
USER node
EXPOSE 3000
HEALTHCHECK --interval=10s --timeout=3s --start-period=30s --retries=5 \
  CMD ["node", "-e", "fetch('http://127.0.0.1:'+(process.env.PORT||3000)+'/health').then(r=>process.exit(r.ok?0:1)).catch(()=>process.exit(1))"]
# a 200 MB heap keeps the API under 300 MB resident under every load of bench/ (bench/README.md,
# "Memory"); spreadsheets are parsed in child processes with their own limit (IMPORT_MAX_MEMORY_MB).
# Set NODE_OPTIONS to change it.
ENV NODE_OPTIONS=--max-old-space-size=200
CMD ["node", "--enable-source-maps", "dist/main.js"]
