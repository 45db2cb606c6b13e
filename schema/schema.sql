-- cramplog journal schema (SQLite), generated from the Alembic migrations.
-- Golden file: tests/storage/test_migrations.py compares it with a freshly migrated
-- journal. Revision 0007. Regenerate: python -m tests.storage.test_migrations
CREATE TABLE alembic_version (
	version_num VARCHAR(32) NOT NULL,
	CONSTRAINT alembic_version_pkc PRIMARY KEY (version_num)
);
CREATE TABLE checkin (
	id INTEGER NOT NULL,
	day DATE NOT NULL,
	no_cramps BOOLEAN NOT NULL,
	hot_day BOOLEAN,
	sleep_hours FLOAT,
	soreness INTEGER,
	CONSTRAINT pk_checkin PRIMARY KEY (id),
	CONSTRAINT ck_checkin_sleep_hours_range CHECK (sleep_hours IS NULL OR (sleep_hours >= 0 AND sleep_hours <= 24)),
	CONSTRAINT ck_checkin_soreness_range CHECK (soreness IS NULL OR (soreness >= 0 AND soreness <= 10)),
	CONSTRAINT fk_checkin_id_entry FOREIGN KEY(id) REFERENCES entry (id) ON DELETE CASCADE,
	CONSTRAINT uq_checkin_day UNIQUE (day)
);
CREATE TABLE cramp (
	id INTEGER NOT NULL,
	muscle VARCHAR(16) NOT NULL,
	severity INTEGER NOT NULL,
	side VARCHAR(8) NOT NULL,
	context VARCHAR(16) NOT NULL,
	duration_s INTEGER,
	relief TEXT NOT NULL,
	swelling VARCHAR(8) NOT NULL,
	tingling BOOLEAN NOT NULL,
	persistent_pain BOOLEAN NOT NULL,
	CONSTRAINT pk_cramp PRIMARY KEY (id),
	CONSTRAINT ck_cramp_context CHECK (context IN ('stretching', 'running', 'other_exercise', 'night', 'rest', 'other')),
	CONSTRAINT ck_cramp_muscle CHECK (muscle IN ('foot_arch', 'toes', 'calf', 'shin', 'hamstring', 'quadriceps', 'other')),
	CONSTRAINT ck_cramp_side CHECK (side IN ('left', 'right', 'both')),
	CONSTRAINT ck_cramp_swelling CHECK (swelling IN ('none', 'one_leg', 'both')),
	CONSTRAINT ck_cramp_duration_s_range CHECK (duration_s IS NULL OR (duration_s >= 1 AND duration_s <= 172800)),
	CONSTRAINT ck_cramp_severity_range CHECK (severity BETWEEN 1 AND 10),
	CONSTRAINT fk_cramp_id_entry FOREIGN KEY(id) REFERENCES entry (id) ON DELETE CASCADE
);
CREATE TABLE diet (
	id INTEGER NOT NULL,
	day DATE NOT NULL,
	pattern VARCHAR(16) NOT NULL,
	b12 BOOLEAN,
	CONSTRAINT pk_diet PRIMARY KEY (id),
	CONSTRAINT ck_diet_pattern CHECK (pattern IN ('plant_based', 'vegan', 'vegetarian', 'pescatarian', 'omnivore', 'low_carb', 'other')),
	CONSTRAINT fk_diet_id_entry FOREIGN KEY(id) REFERENCES entry (id) ON DELETE CASCADE
);
CREATE TABLE drink (
	id INTEGER NOT NULL,
	amount_ml INTEGER NOT NULL,
	drink_kind VARCHAR(16) NOT NULL,
	CONSTRAINT pk_drink PRIMARY KEY (id),
	CONSTRAINT ck_drink_drink_kind CHECK (drink_kind IN ('water', 'electrolyte', 'coffee_tea', 'alcohol', 'other')),
	CONSTRAINT ck_drink_amount_ml_range CHECK (amount_ml BETWEEN 1 AND 5000),
	CONSTRAINT fk_drink_id_entry FOREIGN KEY(id) REFERENCES entry (id) ON DELETE CASCADE
);
CREATE TABLE "entry" (
	id INTEGER NOT NULL PRIMARY KEY AUTOINCREMENT,
	kind VARCHAR(16) NOT NULL,
	at_utc DATETIME NOT NULL,
	tz VARCHAR(64) NOT NULL,
	note TEXT NOT NULL,
	uid VARCHAR(36) NOT NULL,
	source VARCHAR(32) DEFAULT 'cramplog' NOT NULL,
	source_ref VARCHAR(200),
	created_utc DATETIME NOT NULL,
	updated_utc DATETIME NOT NULL,
	CONSTRAINT ck_entry_kind CHECK (kind IN ('cramp', 'drink', 'stretch', 'run', 'shoe', 'food', 'diet', 'med', 'injury', 'symptom', 'checkin')),
	CONSTRAINT uq_entry_uid UNIQUE (uid)
);
CREATE TABLE experiment (
	id INTEGER NOT NULL PRIMARY KEY AUTOINCREMENT,
	behaviour VARCHAR(32) NOT NULL,
	minutes INTEGER NOT NULL,
	outcome VARCHAR(16) NOT NULL,
	nights INTEGER NOT NULL,
	start DATE NOT NULL,
	seed INTEGER NOT NULL,
	stopped DATE,
	stop_reason TEXT NOT NULL,
	created_utc DATETIME NOT NULL,
	CONSTRAINT ck_experiment_behaviour CHECK (behaviour IN ('bedtime_stretch')),
	CONSTRAINT ck_experiment_outcome CHECK (outcome IN ('cramp_nights', 'cramp_days')),
	CONSTRAINT ck_experiment_minutes_range CHECK (minutes BETWEEN 1 AND 30),
	CONSTRAINT ck_experiment_nights_blocks CHECK (nights BETWEEN 14 AND 184 AND nights % 4 = 0),
	CONSTRAINT ck_experiment_stopped_after_start CHECK (stopped IS NULL OR stopped >= start)
);
CREATE TABLE "food" (
	id INTEGER NOT NULL,
	food VARCHAR(40) NOT NULL,
	servings FLOAT NOT NULL,
	magnesium_mg FLOAT,
	potassium_mg FLOAT,
	text TEXT NOT NULL,
	CONSTRAINT pk_food PRIMARY KEY (id),
	CONSTRAINT ck_food_magnesium_mg_range CHECK (magnesium_mg IS NULL OR (magnesium_mg >= 0 AND magnesium_mg <= 5000)),
	CONSTRAINT ck_food_potassium_mg_range CHECK (potassium_mg IS NULL OR (potassium_mg >= 0 AND potassium_mg <= 20000)),
	CONSTRAINT ck_food_servings_range CHECK (servings IS NULL OR (servings >= 0.1 AND servings <= 50)),
	CONSTRAINT fk_food_id_entry FOREIGN KEY(id) REFERENCES entry (id) ON DELETE CASCADE
);
CREATE TABLE injury (
	id INTEGER NOT NULL,
	day DATE NOT NULL,
	site VARCHAR(16) NOT NULL,
	severity INTEGER NOT NULL,
	resolved DATE,
	CONSTRAINT pk_injury PRIMARY KEY (id),
	CONSTRAINT ck_injury_site CHECK (site IN ('foot', 'ankle', 'calf', 'shin', 'knee', 'thigh', 'hip', 'back', 'other')),
	CONSTRAINT ck_injury_resolved_after_day CHECK (resolved IS NULL OR resolved >= day),
	CONSTRAINT ck_injury_severity_range CHECK (severity BETWEEN 0 AND 10),
	CONSTRAINT fk_injury_id_entry FOREIGN KEY(id) REFERENCES entry (id) ON DELETE CASCADE
);
CREATE TABLE medicine (
	id INTEGER NOT NULL,
	name VARCHAR(80) NOT NULL,
	med_class VARCHAR(24) NOT NULL,
	start DATE NOT NULL,
	stop DATE,
	dose VARCHAR(80) NOT NULL,
	CONSTRAINT pk_medicine PRIMARY KEY (id),
	CONSTRAINT ck_medicine_med_class CHECK (med_class IN ('diuretic_thiazide', 'diuretic_loop', 'diuretic_k_sparing', 'statin', 'laba_inhaler', 'ppi', 'magnesium', 'potassium', 'b12', 'other')),
	CONSTRAINT ck_medicine_name_length CHECK (length(trim(name)) BETWEEN 1 AND 80),
	CONSTRAINT ck_medicine_stop_after_start CHECK (stop IS NULL OR stop >= start),
	CONSTRAINT fk_medicine_id_entry FOREIGN KEY(id) REFERENCES entry (id) ON DELETE CASCADE
);
CREATE TABLE "run" (
	id INTEGER NOT NULL,
	distance_km FLOAT,
	duration_s INTEGER,
	effort INTEGER,
	shoe_id INTEGER,
	surface VARCHAR(16),
	workout VARCHAR(16) NOT NULL,
	comfort INTEGER,
	CONSTRAINT pk_run PRIMARY KEY (id),
	CONSTRAINT ck_run_surface CHECK (surface IS NULL OR surface IN ('road', 'trail', 'track', 'treadmill', 'grass', 'other')),
	CONSTRAINT ck_run_workout CHECK (workout IN ('run', 'intervals', 'jump_rope', 'aerobics', 'other')),
	CONSTRAINT ck_run_comfort_range CHECK (comfort IS NULL OR (comfort >= 1 AND comfort <= 5)),
	CONSTRAINT ck_run_distance_km_range CHECK (distance_km IS NULL OR (distance_km > 0 AND distance_km <= 400)),
	CONSTRAINT ck_run_duration_s_range CHECK (duration_s IS NULL OR (duration_s >= 1 AND duration_s <= 172800)),
	CONSTRAINT ck_run_effort_range CHECK (effort IS NULL OR (effort >= 0 AND effort <= 10)),
	CONSTRAINT fk_run_id_entry FOREIGN KEY(id) REFERENCES entry (id) ON DELETE CASCADE,
	CONSTRAINT fk_run_shoe_id_shoe FOREIGN KEY(shoe_id) REFERENCES shoe (id) ON DELETE RESTRICT
);
CREATE TABLE "shoe" (
	id INTEGER NOT NULL,
	name VARCHAR(80) NOT NULL,
	name_key TEXT NOT NULL,
	first_used DATE NOT NULL,
	retired DATE,
	start_km FLOAT NOT NULL,
	life_km FLOAT,
	CONSTRAINT pk_shoe PRIMARY KEY (id),
	CONSTRAINT ck_shoe_name_length CHECK (length(trim(name)) BETWEEN 1 AND 80),
	CONSTRAINT ck_shoe_life_km_range CHECK (life_km IS NULL OR (life_km > 0 AND life_km <= 5000)),
	CONSTRAINT ck_shoe_retired_after_first_used CHECK (retired IS NULL OR retired >= first_used),
	CONSTRAINT ck_shoe_start_km_range CHECK (start_km IS NULL OR (start_km >= 0 AND start_km <= 5000)),
	CONSTRAINT fk_shoe_id_entry FOREIGN KEY(id) REFERENCES entry (id) ON DELETE CASCADE
);
CREATE TABLE stretch (
	id INTEGER NOT NULL,
	minutes INTEGER NOT NULL,
	muscles VARCHAR(120) NOT NULL,
	style VARCHAR(16) NOT NULL,
	cramped BOOLEAN NOT NULL,
	CONSTRAINT pk_stretch PRIMARY KEY (id),
	CONSTRAINT ck_stretch_muscles_present CHECK (muscles <> ''),
	CONSTRAINT ck_stretch_style CHECK (style IN ('static', 'dynamic', 'yoga', 'pilates')),
	CONSTRAINT ck_stretch_minutes_range CHECK (minutes BETWEEN 1 AND 600),
	CONSTRAINT fk_stretch_id_entry FOREIGN KEY(id) REFERENCES entry (id) ON DELETE CASCADE
);
CREATE TABLE symptom (
	id INTEGER NOT NULL,
	symptom VARCHAR(24) NOT NULL,
	side VARCHAR(8),
	CONSTRAINT pk_symptom PRIMARY KEY (id),
	CONSTRAINT ck_symptom_side CHECK (side IS NULL OR side IN ('left', 'right', 'both')),
	CONSTRAINT ck_symptom_symptom CHECK (symptom IN ('tingling', 'swelling_one_leg', 'swelling_both_ankles', 'warm_red_calf', 'hard_sore_veins', 'calf_pain_persisting', 'weakness', 'muscle_wasting', 'balance_loss', 'foot_wound', 'breathlessness', 'chest_pain', 'coughing_blood', 'confusion', 'vomiting', 'severe_headache', 'collapse', 'dark_urine')),
	CONSTRAINT fk_symptom_id_entry FOREIGN KEY(id) REFERENCES entry (id) ON DELETE CASCADE
);
CREATE INDEX ix_entry_at_utc ON entry (at_utc);
CREATE INDEX ix_entry_kind_at_utc ON entry (kind, at_utc, id, tz);
CREATE UNIQUE INDEX ix_entry_source_ref ON entry (source, source_ref);
CREATE INDEX ix_run_shoe_id ON run (shoe_id);
CREATE UNIQUE INDEX ix_shoe_name_key ON shoe (name_key);
