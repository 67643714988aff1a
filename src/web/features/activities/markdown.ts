import MarkdownIt from 'markdown-it'

// Notes are markdown typed by any member, shown to every other member: rendering must
// never let that text run script. html:false escapes every tag; links are limited to
// http(s), mailto, tel and same-site paths (stricter than markdown-it's own check, which
// still lets data:image through); images are off (a remote image is a tracking pixel and
// costs bytes on a phone). Every link opens in a new tab without the opener or a referrer.
const md = new MarkdownIt({ html: false, linkify: true, breaks: true })
md.disable('image')

const SAFE_SCHEME = /^(https?:|mailto:|tel:)/i
const ANY_SCHEME = /^[a-z][a-z0-9+.-]*:/i

md.validateLink = (url: string) => {
  const u = url.trim()
  return SAFE_SCHEME.test(u) || !ANY_SCHEME.test(u)
}

const renderToken: NonNullable<typeof md.renderer.rules.link_open> = (tokens, idx, options, _env, self) =>
  self.renderToken(tokens, idx, options)
const linkOpen = md.renderer.rules.link_open ?? renderToken

md.renderer.rules.link_open = (tokens, idx, options, env, self) => {
  const token = tokens[idx]
  if (token) {
    token.attrSet('target', '_blank')
    token.attrSet('rel', 'noopener noreferrer nofollow')
  }
  return linkOpen(tokens, idx, options, env, self)
}

/** Markdown to HTML that is safe to put in the page as it is. */
export function renderMarkdown(source: string): string {
  return md.render(source)
}
