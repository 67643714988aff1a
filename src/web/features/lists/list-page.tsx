import { Trans, useLingui } from '@lingui/react/macro'
import { type ReactNode, useCallback, useRef, useState } from 'react'
import { Button } from '../../components/ui/button.tsx'
import { EmptyBox, LoadMore } from '../../components/ui/empty-box.tsx'
import { ExportLinks } from '../../components/ui/export-links.tsx'
import { isStatus } from '../../lib/api.ts'
import { errorCode, useErrorText } from '../../lib/errors.ts'
import { useDesktop } from '../../lib/media.ts'
import { canWrite, useSignedIn } from '../../lib/session.ts'
import { BulkBar } from '../bulk/bulk-bar.tsx'
import { Skeleton } from '../shell/route-states.tsx'
import { ViewsBar } from '../views/views-bar.tsx'
import { PRIMARY, rowName, useCellRenderer } from './cells.tsx'
import { ColumnChooser } from './column-chooser.tsx'
import { CountLabel, CountText } from './count-label.tsx'
import { exportColumns } from './export-columns.ts'
import { type Field, useFields } from './fields-api.ts'
import { FilterBuilder } from './filter-builder.tsx'
import { FilterChips } from './filter-chips.tsx'
import { nextSort } from './filter-ops.ts'
import { type Row, useListCount, useListRows } from './list-api.ts'
import type { FilterCondition, ListObject, ListState } from './list-state.ts'
import { apiParams } from './list-url.ts'
import { ListBar, useSortChoices } from './toolbar.tsx'
import { type ListRouteId, useListState } from './use-list-state.ts'
import { useSelection } from './use-selection.ts'
import { VirtualTable } from './virtual-table.tsx'

// One list page, the same for people, companies, deals and activities: saved views,
// search, filters (panel + chips), columns, sort, trash, a count of what matches, the
// selection for bulk actions, and a virtualized table on desktop or cards on phones.
// Each route says what differs: titles, default columns, header buttons, its cards.
export type ListPageProps = {
  object: ListObject
  routeId: ListRouteId
  title: ReactNode
  trashTitle: ReactNode
  /** Names the table for screen readers, e.g. "People". */
  caption: string
  /** Absent: the list cannot be searched by text (activities). */
  search?: { label: string; placeholder: string }
  defaultColumns: string[]
  defaultSort: string
  exportPath?: string
  /** Header buttons (add, import, board/table switch); `trashed` while the trash is shown. */
  actions?: (trashed: boolean) => ReactNode
  /** A row as a card on phones. */
  card: (row: Row) => ReactNode
  /** What an empty list (no search, no filter, not the trash) says and offers. */
  empty: ReactNode
  /** Extra quick controls under the toolbar (e.g. activity types), editing the filters. */
  quick?: (filters: FilterCondition[], setFilters: (f: FilterCondition[]) => void) => ReactNode
}

/** Drops what the field catalog does not know (an old link, a removed custom field). */
function known(state: ListState, fields: Field[] | undefined): ListState {
  if (!fields) return state
  const keys = new Set(fields.map((f) => f.key))
  const sortKey = state.sort?.replace(/^-/, '')
  const sortable = fields.some((f) => f.key === sortKey && f.sortable)
  return {
    ...state,
    filters: state.filters.filter((c) => keys.has(c.field)),
    sort: sortable ? state.sort : undefined,
    columns: state.columns?.filter((k) => keys.has(k)),
  }
}

export function ListPage(props: ListPageProps) {
  const { object } = props
  const { t } = useLingui()
  const errorText = useErrorText()
  const desktop = useDesktop()
  const { role } = useSignedIn()
  const list = useListState(props.routeId)
  const catalog = useFields(object)
  const fields = catalog.data ?? []
  const state = known(list.state, catalog.data)
  const params = apiParams(state, list.trashed)
  const rows = useListRows(object, params, desktop ? 100 : 50)
  const count = useListCount(object, params)
  const data = rows.data?.pages.flatMap((p) => p.data) ?? []
  const renderCell = useCellRenderer(object)

  const primary = PRIMARY[object]
  const columnKeys = [
    primary,
    ...(state.columns?.length ? state.columns : props.defaultColumns).filter((k) => k !== primary),
  ]
  const byKey = new Map(fields.map((f) => [f.key, f]))
  const columns = columnKeys.map((k) => byKey.get(k)).filter((f): f is Field => Boolean(f))
  const sort = state.sort ?? props.defaultSort
  const sorts = useSortChoices(fields, sort)

  const [filtersOpen, setFiltersOpen] = useState(false)
  const filterButton = useRef<HTMLButtonElement>(null)
  const closeFilters = () => {
    setFiltersOpen(false)
    requestAnimationFrame(() => filterButton.current?.focus())
  }

  // Every list has bulk actions (activities: assign tasks, mark done, delete, restore).
  const selectable = canWrite(role)
  const picked = useSelection(JSON.stringify(params))
  const loadedIds = data.map((r) => r.id)
  const loadedState = picked.loadedState(loadedIds)
  const selectedCount = picked.all ? (count.data?.count ?? 0) : picked.ids.length
  const total = count.data && !count.data.capped ? count.data.count : undefined

  const { fetchNextPage } = rows
  const loadMore = useCallback(() => void fetchNextPage({ cancelRefetch: false }), [fetchNextPage])
  const filtered = state.filters.length > 0 || Boolean(state.q)
  const clearSearchAndFilters = () =>
    list.applyView(list.viewId, { ...list.state, q: undefined, filters: [] })

  return (
    <div className="space-y-3 md:space-y-4">
      <div className="flex flex-wrap items-center gap-2 md:gap-3">
        <div className="min-w-0 flex-1">
          <h1 className="text-2xl font-semibold text-slate-900">
            {list.trashed ? props.trashTitle : props.title}
          </h1>
          <CountLabel object={object} count={count.data} />
        </div>
        {props.exportPath && (
          <ExportLinks
            path={props.exportPath}
            params={{
              ...params,
              columns: exportColumns(
                object,
                columns.map((c) => c.key),
              ),
            }}
          />
        )}
        {props.actions?.(list.trashed)}
      </div>

      <ViewsBar object={object} state={list.state} viewId={list.viewId} onApply={list.applyView} />

      <ListBar
        q={state.q}
        onQ={props.search ? list.setQ : undefined}
        searchLabel={props.search?.label ?? ''}
        placeholder={props.search?.placeholder ?? ''}
        filterCount={state.filters.length}
        filterButton={filterButton}
        onOpenFilters={() => setFiltersOpen(true)}
        sort={sort}
        sorts={sorts}
        onSort={list.setSort}
        trashed={list.trashed}
        onTrashed={list.setTrashed}
      >
        {desktop && fields.length > 0 && (
          <ColumnChooser
            fields={fields}
            columns={columns.map((c) => c.key)}
            primary={primary}
            isDefault={!state.columns?.length}
            onChange={list.setColumns}
          />
        )}
      </ListBar>
      {props.quick?.(state.filters, list.setFilters)}
      <FilterChips
        fields={fields}
        filters={state.filters}
        onChange={list.setFilters}
        onEdit={() => setFiltersOpen(true)}
      />

      {selectable && selectedCount > 0 && (
        <BulkBar
          object={object}
          selection={picked.selection}
          selectedCount={selectedCount}
          params={{ q: state.q, filters: state.filters, trashed: list.trashed || undefined }}
          onClear={picked.clear}
        />
      )}
      {selectable && count.data && loadedState === 'all' && count.data.count > data.length && (
        <p
          className="flex flex-wrap items-center gap-2 rounded-md bg-teal-50 px-3 py-2 text-sm text-teal-900"
          role="status"
        >
          {picked.all ? (
            <>
              <Trans>
                All <CountText object={object} count={count.data.count} capped={count.data.capped} /> matching
                are selected.
              </Trans>
              <Button variant="ghost" onClick={picked.clear}>
                <Trans>Clear selection</Trans>
              </Button>
            </>
          ) : (
            <>
              <Trans>
                The <CountText object={object} count={data.length} /> loaded are selected.
              </Trans>
              <Button variant="ghost" onClick={picked.selectAll}>
                <Trans>
                  Select all <CountText object={object} count={count.data.count} capped={count.data.capped} />{' '}
                  matching
                </Trans>
              </Button>
            </>
          )}
        </p>
      )}

      {rows.isPending || (desktop && catalog.isPending) ? (
        <Skeleton />
      ) : desktop && catalog.isError ? (
        <EmptyBox>{errorText(errorCode(catalog.error))}</EmptyBox>
      ) : rows.isError ? (
        <EmptyBox>
          {isStatus(rows.error, 400) ? (
            <Trans>These filters cannot be used any more (a field may have been removed).</Trans>
          ) : (
            errorText(errorCode(rows.error))
          )}
          {filtered && (
            <div className="mt-4">
              <Button variant="secondary" onClick={clearSearchAndFilters}>
                <Trans>Clear search and filters</Trans>
              </Button>
            </div>
          )}
        </EmptyBox>
      ) : data.length === 0 ? (
        filtered ? (
          <EmptyBox>
            <p>
              <Trans>Nothing matches this search and these filters.</Trans>
            </p>
            <div className="mt-4">
              <Button variant="secondary" onClick={clearSearchAndFilters}>
                <Trans>Clear search and filters</Trans>
              </Button>
            </div>
          </EmptyBox>
        ) : list.trashed ? (
          <EmptyBox>
            <Trans>The trash is empty.</Trans>
          </EmptyBox>
        ) : (
          props.empty
        )
      ) : desktop ? (
        <VirtualTable
          resetKey={JSON.stringify(params)}
          caption={props.caption}
          columns={columns}
          primary={primary}
          rows={data}
          renderCell={renderCell}
          rowName={(row) => rowName(object, row)}
          sort={state.sort}
          defaultSort={props.defaultSort}
          onSort={(key) => list.setSort(nextSort(state.sort, props.defaultSort, key))}
          hasMore={rows.hasNextPage}
          loadingMore={rows.isFetchingNextPage}
          loadMore={loadMore}
          total={total}
          selection={
            selectable
              ? {
                  isSelected: picked.isSelected,
                  toggle: picked.toggle,
                  loaded: loadedState,
                  toggleLoaded: () => picked.toggleLoaded(loadedIds),
                  locked: picked.all,
                }
              : undefined
          }
        />
      ) : (
        <ul className="space-y-2">
          {data.map((row) => {
            const selected = selectable && picked.isSelected(row.id)
            return (
              <li
                key={row.id}
                className={`relative rounded-lg border p-3 ${selectable ? 'pr-12' : ''} ${selected ? 'border-teal-600 bg-teal-50' : 'border-slate-200 bg-white'}`}
              >
                {props.card(row)}
                {selectable && (
                  // A phone has no table: each card has its own checkbox for bulk actions.
                  <label className="absolute top-1 right-1 flex size-11 cursor-pointer items-center justify-center">
                    <input
                      type="checkbox"
                      className="size-5 accent-teal-700"
                      aria-label={t`Select ${rowName(object, row)}`}
                      checked={selected}
                      disabled={picked.all}
                      onChange={() => picked.toggle(row.id)}
                    />
                  </label>
                )}
              </li>
            )
          })}
        </ul>
      )}
      {!desktop && (
        <LoadMore
          show={rows.hasNextPage}
          busy={rows.isFetchingNextPage}
          onClick={() => rows.fetchNextPage()}
        />
      )}

      {filtersOpen && (
        <FilterBuilder
          fields={fields}
          filters={state.filters}
          onClose={closeFilters}
          onApply={(next) => {
            list.setFilters(next)
            closeFilters()
          }}
        />
      )}
    </div>
  )
}
