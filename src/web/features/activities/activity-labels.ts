import { useLingui } from '@lingui/react/macro'
import { CalendarDays, CheckSquare, NotebookPen, Phone } from 'lucide-react'
import type { ActivityType } from '../../../server/features/activities/activities.schema.ts'
import { intlLocale, useFormat } from '../../lib/format.ts'
import { useMe } from '../../lib/session.ts'

// Names and formats of activity values in the user's language: types, call directions
// and outcomes, call durations and meeting times.
export const TYPE_ICONS = { note: NotebookPen, call: Phone, meeting: CalendarDays, task: CheckSquare }

export function useActivityNames() {
  const { t } = useLingui()
  const types: Record<ActivityType, string> = {
    note: t`Note`,
    call: t`Call`,
    meeting: t`Meeting`,
    task: t`Task`,
  }
  const directions: Record<string, string> = { inbound: t`Incoming call`, outbound: t`Outgoing call` }
  const outcomes: Record<string, string> = {
    connected: t`Connected`,
    no_answer: t`No answer`,
    busy: t`Busy`,
    voicemail: t`Left a voicemail`,
    wrong_number: t`Wrong number`,
  }
  return {
    type: (type: ActivityType) => types[type],
    direction: (d: string) => directions[d] ?? d,
    // The timeline carries the outcome as text: an unknown one is shown as it came.
    outcome: (o: string) => outcomes[o] ?? o,
  }
}

/** "45 sec", "12 min", "1 hr 5 min" through Intl, so each language writes its own units. */
export function useDuration() {
  const { i18n } = useLingui()
  const unit = (u: 'second' | 'minute' | 'hour', n: number) =>
    new Intl.NumberFormat(intlLocale(i18n.locale), { style: 'unit', unit: u, unitDisplay: 'short' }).format(n)
  return (seconds: number) => {
    if (seconds < 60) return unit('second', seconds)
    const minutes = Math.round(seconds / 60)
    if (minutes < 60) return unit('minute', minutes)
    const rest = minutes % 60
    const hours = unit('hour', Math.floor(minutes / 60))
    return rest ? `${hours} ${unit('minute', rest)}` : hours
  }
}

/** A meeting's time: "Mar 3, 2026, 10:00 – 11:30", with the date once when it ends the same day. */
export function useTimeRange() {
  const fmt = useFormat()
  const { i18n } = useLingui()
  const ws = useMe().data?.workspace
  // Time of day only: no calendar, so no era to strip (see format.ts).
  const time = new Intl.DateTimeFormat(intlLocale(i18n.locale, ws?.country), {
    timeStyle: 'short',
    timeZone: ws?.timeZone,
  })
  return (start: string, end: string | null) => {
    if (!end) return fmt.dateTime(start)
    const sameDay = fmt.date(start) === fmt.date(end)
    return `${fmt.dateTime(start)} – ${sameDay ? time.format(new Date(end)) : fmt.dateTime(end)}`
  }
}
