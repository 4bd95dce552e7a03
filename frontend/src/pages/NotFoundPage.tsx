import { usePageTitle } from '../components/usePageTitle';
import { Link } from '../router';

export function NotFoundPage() {
  usePageTitle('Page not found');
  return (
    <header className="page-head">
      <h1>Page not found</h1>
      <p className="lead">
        There is no page at this address. Go to the <Link to="/">home page</Link> or{' '}
        <Link to="/hosts/add">add a node</Link>.
      </p>
    </header>
  );
}
