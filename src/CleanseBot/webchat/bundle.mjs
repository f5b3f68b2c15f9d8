// Copies Web Chat's full bundle (hero and adaptive cards need it; the minimal one has no card renderer) into
// the folder given as the first argument, next to brotli and gzip copies compressed once at their best level,
// so the service never compresses 4 MB per request. Run by the build (CleanseBot.csproj) after `npm ci`.
import { mkdirSync, readFileSync, writeFileSync, copyFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { brotliCompressSync, gzipSync, constants } from 'node:zlib';

const target = process.argv[2];
if (!target) {
  console.error('usage: node bundle.mjs OUTPUT_FOLDER');
  process.exit(2);
}

// The package's exports do not list dist/webchat.js, so it is read by path from this folder's node_modules.
const dist = join(dirname(fileURLToPath(import.meta.url)), 'node_modules', 'botframework-webchat', 'dist');
const bundle = readFileSync(join(dist, 'webchat.js'));

mkdirSync(target, { recursive: true });
writeFileSync(join(target, 'webchat.js'), bundle);
writeFileSync(
  join(target, 'webchat.js.br'),
  brotliCompressSync(bundle, {
    params: {
      [constants.BROTLI_PARAM_QUALITY]: constants.BROTLI_MAX_QUALITY,
      [constants.BROTLI_PARAM_MODE]: constants.BROTLI_MODE_TEXT,
      [constants.BROTLI_PARAM_SIZE_HINT]: bundle.length,
    },
  }),
);
writeFileSync(join(target, 'webchat.js.gz'), gzipSync(bundle, { level: 9 }));
copyFileSync(join(dist, 'webchat.js.LICENSE.txt'), join(target, 'webchat.js.LICENSE.txt'));
