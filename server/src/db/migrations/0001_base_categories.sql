INSERT INTO categories (code, name_zh, name_en) VALUES
  ('fresh', '果蔬', 'Fruit & vegetables'),
  ('meat_eggs', '肉禽蛋', 'Meat, poultry & eggs'),
  ('seafood', '水产', 'Seafood'),
  ('dairy', '乳品烘焙', 'Dairy & bakery'),
  ('grain_oil', '粮油调味', 'Grain, oil & seasoning'),
  ('snacks', '休闲食品', 'Snacks'),
  ('daily', '日用百货', 'Daily goods')
ON CONFLICT (code) DO NOTHING;
