interface PagerProps {
  /** 0-based */
  page: number;
  size: number;
  total: number;
  onPage: (page: number) => void;
  label: string;
}

/** Previous / next through a paged list; hidden when everything fits on one page. */
export function Pager({ page, size, total, onPage, label }: PagerProps) {
  const pages = Math.max(1, Math.ceil(total / size));
  if (pages <= 1 && page === 0) return null;
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
      <span className="pager__where">
        Page {page + 1} of {pages}
      </span>
      <button
        type="button"
        className="button button--small"
        onClick={() => onPage(page + 1)}
        disabled={page + 1 >= pages}
      >
        Next
      </button>
    </nav>
  );
}
