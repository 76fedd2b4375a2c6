import { NavBar } from 'antd-mobile';
import { useNavigate } from 'react-router-dom';

/** A secondary screen: a title bar with a back arrow above the content. */
export function Screen({
  title,
  children,
  back = -1,
}: {
  title: string;
  children: React.ReactNode;
  back?: string | -1;
}) {
  const navigate = useNavigate();
  return (
    <div className="shop-screen">
      <NavBar
        onBack={() => (back === -1 ? (window.history.length > 1 ? navigate(-1) : navigate('/')) : navigate(back))}
        backIcon
      >
        {title}
      </NavBar>
      <div className="shop-body">{children}</div>
    </div>
  );
}
