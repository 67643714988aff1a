import { gzipSync } from 'node:zlib'
import type { Plugin } from 'vite'

// Vite plugin: after a build, prints how much JavaScript the sign-in page loads before
// it can be used (the entry chunk, the sign-in route chunk and everything they import
// statically), gzipped, and fails the build over the budget. The bar is 200 KB.
type Chunk = {
  type: 'chunk'
  fileName: string
  code: string
  imports: string[]
  isEntry: boolean
  facadeModuleId: string | null
}
type Asset = { type: 'asset' }

export function bundleBudget(options: { route: RegExp; budgetKb: number }): Plugin {
  return {
    name: 'kiungo-bundle-budget',
    apply: 'build',
    generateBundle(_opts, bundle) {
      const chunks = Object.values(bundle as Record<string, Chunk | Asset>).filter(
        (c): c is Chunk => c.type === 'chunk',
      )
      const byName = new Map(chunks.map((c) => [c.fileName, c]))
      const roots = chunks.filter(
        (c) => c.isEntry || (c.facadeModuleId && options.route.test(c.facadeModuleId)),
      )
      const seen = new Set<string>()
      const visit = (c: Chunk) => {
        if (seen.has(c.fileName)) return
        seen.add(c.fileName)
        for (const dep of c.imports) {
          const next = byName.get(dep)
          if (next) visit(next)
        }
      }
      roots.forEach(visit)
      const bytes = [...seen].reduce((sum, f) => sum + gzipSync(byName.get(f)!.code).length, 0)
      const kb = bytes / 1024
      const hasRoute = roots.some((c) => !c.isEntry)
      const line = `Initial JS of the sign-in page: ${kb.toFixed(1)} KB gzipped in ${seen.size} files (budget ${options.budgetKb} KB)${hasRoute ? '' : ' — sign-in route chunk not found, entry only'}`
      console.log(`\n${line}\n`)
      if (kb > options.budgetKb) this.error(`Over budget: ${line}`)
    },
  }
}
