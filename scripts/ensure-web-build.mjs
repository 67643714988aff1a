// Builds the web app when dist/web is missing or older than its sources, so that
// `npm install && npm start` needs no separate build step.
import { execSync } from 'node:child_process'
import { existsSync, readdirSync, statSync } from 'node:fs'
import path from 'node:path'

const out = 'dist/web/index.html'
const inputs = ['src/web', 'vite.config.ts', 'lingui.config.ts', 'package-lock.json', 'src/server/features']

function newest(p) {
  if (!existsSync(p)) return 0
  const s = statSync(p)
  if (!s.isDirectory()) return s.mtimeMs
  return Math.max(0, ...readdirSync(p).map((f) => newest(path.join(p, f))))
}

const built = existsSync(out) ? statSync(out).mtimeMs : 0
if (built === 0 || inputs.some((p) => newest(p) > built)) {
  console.log('Building the web app (first start, or sources changed)…')
  execSync('npx vite build', { stdio: 'inherit' })
}
