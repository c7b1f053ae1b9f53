FROM node:20-bookworm-slim
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
USER node
EXPOSE 3000
CMD ["node", "--enable-source-maps", "dist/main.js"]
