import { describe, expect, it } from 'vitest'
import { isJobActive, jobPercent } from './use-job.ts'

describe('jobPercent', () => {
  it('is unknown without a total', () => expect(jobPercent(10, null)).toBeUndefined())
  it('rounds down and stays within 0–100', () => {
    expect(jobPercent(1200, 5000)).toBe(24)
    expect(jobPercent(4999, 5000)).toBe(99)
    expect(jobPercent(6000, 5000)).toBe(100)
    expect(jobPercent(-1, 5000)).toBe(0)
  })
  it('is complete for an empty job', () => expect(jobPercent(0, 0)).toBe(100))
})

describe('isJobActive', () => {
  it('keeps polling until a final status', () => {
    expect(isJobActive(undefined)).toBe(true)
    expect(isJobActive('queued')).toBe(true)
    expect(isJobActive('running')).toBe(true)
    expect(isJobActive('done')).toBe(false)
    expect(isJobActive('failed')).toBe(false)
    expect(isJobActive('cancelled')).toBe(false)
  })
})
