# syntax=docker/dockerfile:1
# The dutygraph API and web explorer. docker-compose.yml runs it against Neo4j Community.

FROM node:20-slim AS build
# hnswlib-node (and better-sqlite3 when no prebuilt binary fits) compile with node-gyp.
RUN apt-get update \
  && apt-get install -y --no-install-recommends python3 make g++ \
  && rm -rf /var/lib/apt/lists/*
WORKDIR /src
# All sources before `npm ci`: its prepare script builds dist/ (tsc) and web/dist/ (vite).
COPY . .
# node-gyp builds against the headers of the Node in this image (tools/nodedir.mjs finds its prefix).
RUN npm_config_nodedir="$(node tools/nodedir.mjs)" npm ci --no-audit --no-fund \
  && npm prune --omit=dev --no-audit --no-fund

FROM node:20-slim AS runtime
# OCR of scans (Tesseract 5 + Vietnamese model, poppler-utils to rasterize PDF pages) and Word 97–2003 / RTF.
RUN apt-get update \
  && apt-get install -y --no-install-recommends tesseract-ocr tesseract-ocr-vie poppler-utils \
    libreoffice-writer-nogui \
  && rm -rf /var/lib/apt/lists/*
ENV NODE_ENV=production \
  DUTYGRAPH_DATA_DIR=/var/lib/dutygraph \
  DUTYGRAPH_MODEL_DIR=/var/lib/dutygraph-models
WORKDIR /app
COPY --from=build /src/package.json ./package.json
COPY --from=build /src/node_modules ./node_modules
COPY --from=build /src/bin ./bin
COPY --from=build /src/dist ./dist
COPY --from=build /src/data ./data
COPY --from=build /src/samples ./samples
COPY --from=build /src/web/dist ./web/dist
# A global bin lets `npx dutygraph` run straight away from the data directory; from inside the
# project directory npx would first install the package into its cache.
RUN ln -s /app/bin/dutygraph.js /usr/local/bin/dutygraph \
  && mkdir -p /var/lib/dutygraph /var/lib/dutygraph-models \
  && chown node:node /var/lib/dutygraph /var/lib/dutygraph-models
USER node
WORKDIR /var/lib/dutygraph
EXPOSE 8080
CMD ["npx", "dutygraph", "serve", "--host", "0.0.0.0", "--port", "8080"]
