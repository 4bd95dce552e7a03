interface PageNavProps {
  /** 0-based */
  page: number;
  /** Another page follows this one. */
  hasMore: boolean;
  onPage: (page: number) => void;
  label: string;
}

/** Previous / next through a list whose total is unknown; hidden when all of it is on page 1. */
export function PageNav({ page, hasMore, onPage, label }: PageNavProps) {
  if (page === 0 && !hasMore) return null;
  return (
    <nav className="pager" aria-label={label}>
      <button
        type="button"
        className="button button--small"
        onClick={() => onPage(page - 1)}
        disabled={page === 0}
      >
        Previous
      </button>
      <span className="pager__where">Page {page + 1}</span>
      <button
        type="button"
        className="button button--small"
        onClick={() => onPage(page + 1)}
        disabled={!hasMore}
      >
        Next
      </button>
    </nav>
  );
}
