-- Linli starts with one region; more can be added later. Its id is fixed so set-up calls may omit it.
INSERT INTO regions (id, name, time_zone) VALUES ('00000000-0000-4000-8000-000000000001', '默认城市', 'Asia/Shanghai')
ON CONFLICT (id) DO NOTHING;
