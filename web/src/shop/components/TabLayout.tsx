import { Badge, TabBar } from 'antd-mobile';
import { AppOutline, FileOutline, ShopbagOutline, UserOutline } from 'antd-mobile-icons';
import { Outlet, useLocation, useNavigate } from 'react-router-dom';
import { useTranslation } from 'react-i18next';
import { cartCount, useCart } from '../cart';

/** The four main tabs: 首页 (deals), 购物车, 订单, 我的. */
export function TabLayout() {
  const { t } = useTranslation();
  const { pathname } = useLocation();
  const navigate = useNavigate();
  const count = cartCount(useCart());
  const tabs = [
    { key: '/', title: t('tabs.deals'), icon: <AppOutline /> },
    {
      key: '/cart',
      title: t('tabs.cart'),
      icon: (
        <Badge content={count || null}>
          <ShopbagOutline />
        </Badge>
      ),
    },
    { key: '/orders', title: t('tabs.orders'), icon: <FileOutline /> },
    { key: '/me', title: t('tabs.me'), icon: <UserOutline /> },
  ];
  return (
    <div className="shop-tabs-layout">
      <main className="shop-tabs-content">
        <Outlet />
      </main>
      <nav className="shop-tabbar" aria-label={t('tabs.label')}>
        <TabBar activeKey={pathname} onChange={(key: string) => navigate(key)} safeArea>
          {tabs.map((tab) => (
            <TabBar.Item
              key={tab.key}
              icon={tab.icon}
              title={<span data-testid={`tab-${tab.key.slice(1) || 'deals'}`}>{tab.title}</span>}
            />
          ))}
        </TabBar>
      </nav>
    </div>
  );
}
