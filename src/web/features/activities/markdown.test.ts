import { describe, expect, it } from 'vitest'
import { renderMarkdown } from './markdown.ts'

// Notes are written by one member and shown to all: no markup in them may become script.
describe('renderMarkdown', () => {
  it('escapes a script tag', () => {
    const html = renderMarkdown('<script>alert(1)</script>')
    expect(html).not.toContain('<script')
    expect(html).toContain('&lt;script&gt;alert(1)&lt;/script&gt;')
  })

  it('escapes an image with an event handler', () => {
    const html = renderMarkdown('<img src=x onerror=alert(1)>')
    expect(html).not.toContain('<img')
    expect(html).toContain('&lt;img src=x onerror=alert(1)&gt;')
  })

  it('refuses javascript:, vbscript: and data: links', () => {
    for (const url of [
      'javascript:alert(1)',
      'JaVaScRiPt:alert(1)',
      'vbscript:msgbox(1)',
      'data:text/html,x',
    ]) {
      const html = renderMarkdown(`[x](${url})`)
      expect(html).not.toMatch(/href="(javascript|vbscript|data):/i)
      expect(html).not.toContain('<a')
    }
    expect(renderMarkdown('[x](data:image/png;base64,AAAA)')).not.toContain('<a')
  })

  it('shows images as text, not as remote images', () => {
    expect(renderMarkdown('![x](https://example.com/pixel.png)')).not.toContain('<img')
  })

  it('renders bold, lists and line breaks', () => {
    const html = renderMarkdown('**Paid** the deposit\nnext line\n\n- one\n- two\n\n1. first')
    expect(html).toContain('<strong>Paid</strong>')
    expect(html).toContain('<br>')
    expect(html).toContain('<ul>\n<li>one</li>\n<li>two</li>\n</ul>')
    expect(html).toContain('<ol>\n<li>first</li>\n</ol>')
  })

  it('opens links in a new tab without opener or referrer', () => {
    const rel = 'target="_blank" rel="noopener noreferrer nofollow"'
    expect(renderMarkdown('[quote](https://example.com/q)')).toContain(
      `<a href="https://example.com/q" ${rel}>quote</a>`,
    )
    expect(renderMarkdown('see example.com')).toContain(`<a href="http://example.com" ${rel}>example.com</a>`)
    expect(renderMarkdown('[mail](mailto:a@example.com)')).toContain('href="mailto:a@example.com"')
    expect(renderMarkdown('[them](/people/1)')).toContain('href="/people/1"')
  })
})
