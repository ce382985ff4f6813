import { Writable } from 'node:stream'
import pino from 'pino'
import { describe, expect, it } from 'vitest'
import { LOG_REDACT_PATHS } from './app.ts'

describe('log redaction', () => {
  it('ID numbers, phones, bank cards, tokens and passwords never reach the log', () => {
    const lines: string[] = []
    const sink = new Writable({
      write(chunk, _enc, cb) {
        lines.push(String(chunk))
        cb()
      },
    })
    const log = pino({ redact: { paths: LOG_REDACT_PATHS, censor: '[redacted]' } }, sink)
    log.info({
      req: { headers: { cookie: 'xd_session=secret-token', authorization: 'Bearer abc' } },
      body: {
        password: 'hunter22',
        phone: '13812345678',
        idNumber: '110101199003071234',
        bankCard: '6222020200112233445',
        token: 't0k3n',
      },
    })
    const out = lines.join('')
    for (const secret of [
      'secret-token',
      'Bearer abc',
      'hunter22',
      '13812345678',
      '110101199003071234',
      '6222020200112233445',
      't0k3n',
    ])
      expect(out).not.toContain(secret)
    expect(out).toContain('[redacted]')
  })
})
