import { plural } from '@lingui/core/macro'
import { useLingui } from '@lingui/react/macro'
import type { BulkObject } from './bulk-api.ts'

// The words of the bulk bar's counts and toasts, in the user's language.

/** "1 person", "1,200 people": the number through Intl, the noun in the user's language. */
export function useCountText(object: BulkObject) {
  const { t } = useLingui()
  return (n: number) => {
    switch (object) {
      case 'person':
        return t({ message: plural(n, { one: '# person', other: '# people' }) })
      case 'company':
        return t({ message: plural(n, { one: '# company', other: '# companies' }) })
      case 'deal':
        return t({ message: plural(n, { one: '# deal', other: '# deals' }) })
      case 'activity':
        return t({ message: plural(n, { one: '# activity', other: '# activities' }) })
    }
  }
}

/**
 * The toasts of the activity actions that change tasks only. `n` is how many activities
 * the action went through, `skipped` how many of them were not tasks; each message is
 * whole, so a translator sees the full sentence.
 */
export function useTaskTexts(count: (n: number) => string) {
  const { t } = useLingui()
  const tasks = (n: number) => t({ message: plural(n, { one: '# task', other: '# tasks' }) })
  return {
    assigned(n: number, skipped: number, name: string) {
      const tasksText = tasks(n - skipped)
      const skippedText = count(skipped)
      return skipped
        ? t`${tasksText} assigned to ${name}. ${skippedText} skipped: only tasks have an assignee.`
        : t`${tasksText} assigned to ${name}`
    },
    markedDone(n: number, skipped: number) {
      const tasksText = tasks(n - skipped)
      const skippedText = count(skipped)
      return skipped
        ? t`${tasksText} marked done. ${skippedText} skipped: only tasks can be done.`
        : t`${tasksText} marked done`
    },
    markedNotDone(n: number, skipped: number) {
      const tasksText = tasks(n - skipped)
      const skippedText = count(skipped)
      return skipped
        ? t`${tasksText} marked not done. ${skippedText} skipped: only tasks can be done.`
        : t`${tasksText} marked not done`
    },
  }
}
