/** The query-language box; its text is held by the page so the filter builder can write into it. */
export function FilterBox({ text, setText, onApply }: { text: string; setText: (t: string) => void; onApply: (q: string) => void }) {
  return (
    // biome-ignore lint/a11y/useSemanticElements: <search> is not in React's JSX types yet
    <form
      className="filter"
      role="search"
      onSubmit={(e) => {
        e.preventDefault();
        onApply(text.trim());
      }}
    >
      <label htmlFor="filter-box" className="visually-hidden">
        Filter (query language)
      </label>
      <input id="filter-box" data-search type="search" value={text} placeholder="Filter: assignee:me priority:>=high is:open …  ( / )" onChange={(e) => setText(e.target.value)} />
      <button type="submit" className="secondary">
        Apply
      </button>
    </form>
  );
}
