/**
 * A minimal PDF writer for contracts: A4 pages of text in the standard CID font STSong-Light with the
 * UniGB-UCS2-H encoding, which every conforming reader renders with its own Chinese font — so Chinese
 * text displays correctly without embedding a font file. Text is written as UTF-16BE hex strings.
 * Verified by rendering with poppler (pdftotext / pdftoppm with poppler-data): see docs/origination.md.
 */

const PAGE_W = 595
const PAGE_H = 842
const MARGIN = 56
const FONT_SIZE = 10.5
const LEADING = 16
const TITLE_SIZE = 16

/** Width of one character in ems: Latin (proportional CIDs 1–95) half, everything else full. */
function charWidth(ch: string): number {
  const code = ch.codePointAt(0) ?? 0
  return code >= 0x20 && code < 0x7f ? 0.5 : 1
}

/** Closing punctuation never starts a line (避头点): it stays at the end of the previous one. */
const NO_LINE_START = new Set([...'，。、；：！？）》」』】〕,.;:!?)'])

/** Breaks a paragraph into lines no wider than `maxEm` (closing punctuation may overhang). */
export function wrapLine(text: string, maxEm: number): string[] {
  const lines: string[] = []
  let line = ''
  let width = 0
  for (const ch of text) {
    const w = charWidth(ch)
    if (width + w > maxEm && line !== '' && !NO_LINE_START.has(ch)) {
      lines.push(line)
      line = ''
      width = 0
    }
    line += ch
    width += w
  }
  lines.push(line)
  return lines
}

function hexOf(text: string, bom = false): string {
  let out = bom ? 'FEFF' : ''
  for (const ch of text) {
    let code = ch.codePointAt(0) ?? 0x3f
    if (code > 0xffff || code < 0x20) code = code === 0x09 ? 0x20 : 0x3f
    out += code.toString(16).padStart(4, '0').toUpperCase()
  }
  return `<${out}>`
}

type Line = { text: string; size: number }

function layout(text: string, title: string | undefined): Line[][] {
  const lines: Line[] = []
  if (title) lines.push({ text: title, size: TITLE_SIZE }, { text: '', size: FONT_SIZE })
  const maxEm = (PAGE_W - 2 * MARGIN) / FONT_SIZE
  for (const paragraph of text.replace(/\r\n?/g, '\n').split('\n'))
    for (const l of wrapLine(paragraph, maxEm)) lines.push({ text: l, size: FONT_SIZE })
  const perPage = Math.floor((PAGE_H - 2 * MARGIN) / LEADING)
  const pages: Line[][] = []
  for (let i = 0; i < lines.length; i += perPage) pages.push(lines.slice(i, i + perPage))
  return pages.length > 0 ? pages : [[]]
}

function pageContent(lines: Line[], pageNo: number, pageCount: number): string {
  const parts: string[] = []
  let y = PAGE_H - MARGIN
  for (const l of lines) {
    if (l.text !== '') {
      const x = l.size === TITLE_SIZE ? (PAGE_W - l.text.length * l.size) / 2 : MARGIN
      parts.push(`BT /F1 ${l.size} Tf ${x.toFixed(1)} ${y.toFixed(1)} Td ${hexOf(l.text)} Tj ET`)
    }
    y -= l.size === TITLE_SIZE ? LEADING + 6 : LEADING
  }
  parts.push(`BT /F1 9 Tf ${PAGE_W / 2 - 20} 30 Td ${hexOf(`${pageNo} / ${pageCount}`)} Tj ET`)
  return parts.join('\n')
}

/** The PDF bytes of `text` (first line may be given separately as a centred title). */
export function textToPdf(text: string, opts: { title?: string; author?: string } = {}): Buffer {
  const pages = layout(text, opts.title)
  const objects: string[] = []
  // 1 catalog, 2 pages, 3 font, 4 descendant font, 5 descriptor, 6 info, then page + content pairs
  const firstPage = 7
  const kids = pages.map((_, i) => `${firstPage + i * 2} 0 R`).join(' ')
  objects.push('<< /Type /Catalog /Pages 2 0 R >>')
  objects.push(`<< /Type /Pages /Kids [${kids}] /Count ${pages.length} >>`)
  objects.push(
    '<< /Type /Font /Subtype /Type0 /BaseFont /STSong-Light /Encoding /UniGB-UCS2-H /DescendantFonts [4 0 R] >>',
  )
  objects.push(
    '<< /Type /Font /Subtype /CIDFontType0 /BaseFont /STSong-Light /CIDSystemInfo << /Registry (Adobe) /Ordering (GB1) /Supplement 4 >> /FontDescriptor 5 0 R /DW 1000 /W [1 95 500] >>',
  )
  objects.push(
    '<< /Type /FontDescriptor /FontName /STSong-Light /Flags 6 /FontBBox [-25 -254 1000 880] /ItalicAngle 0 /Ascent 880 /Descent -120 /CapHeight 880 /StemV 93 >>',
  )
  objects.push(
    // document-information strings are text strings: UTF-16BE needs its byte-order mark (§7.9.2.2)
    `<< /Producer ${hexOf('Xindai', true)} /Title ${hexOf(opts.title ?? 'Contract', true)} /Author ${hexOf(opts.author ?? 'Xindai', true)} >>`,
  )
  pages.forEach((lines, i) => {
    const content = pageContent(lines, i + 1, pages.length)
    objects.push(
      `<< /Type /Page /Parent 2 0 R /MediaBox [0 0 ${PAGE_W} ${PAGE_H}] /Resources << /Font << /F1 3 0 R >> >> /Contents ${firstPage + i * 2 + 1} 0 R >>`,
    )
    objects.push(`<< /Length ${Buffer.byteLength(content, 'latin1')} >>\nstream\n${content}\nendstream`)
  })
  const chunks: Buffer[] = [Buffer.from('%PDF-1.4\n%\xe2\xe3\xcf\xd3\n', 'latin1')]
  let offset = chunks[0]!.length
  const offsets: number[] = []
  objects.forEach((body, i) => {
    offsets.push(offset)
    const chunk = Buffer.from(`${i + 1} 0 obj\n${body}\nendobj\n`, 'latin1')
    chunks.push(chunk)
    offset += chunk.length
  })
  const xref = [
    `xref\n0 ${objects.length + 1}\n`,
    '0000000000 65535 f \n',
    ...offsets.map((o) => `${String(o).padStart(10, '0')} 00000 n \n`),
  ]
  chunks.push(
    Buffer.from(
      `${xref.join('')}trailer\n<< /Size ${objects.length + 1} /Root 1 0 R /Info 6 0 R >>\nstartxref\n${offset}\n%%EOF\n`,
      'latin1',
    ),
  )
  return Buffer.concat(chunks)
}
