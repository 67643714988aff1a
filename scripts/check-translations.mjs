// Fails when a message of the web app lacks a translation in en, am or sw. Run by
// `npm test`. It first brings the catalogs up to date with the source (lingui extract),
// then compiles them strictly: a new <Trans> without a translation fails here.
import { spawnSync } from 'node:child_process'

for (const args of [
  ['lingui', 'extract', '--clean'],
  ['lingui', 'compile', '--strict', '--typescript'],
]) {
  const res = spawnSync('npx', args, { stdio: 'inherit' })
  if (res.status !== 0) {
    console.error(
      `\n✗ ${args.join(' ')} failed: translate every message in src/web/i18n/locales/{en,am,sw}/messages.po`,
    )
    process.exit(res.status ?? 1)
  }
}
