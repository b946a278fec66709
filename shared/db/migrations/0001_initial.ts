import type { Migration } from './types';

// The whole glossary of the brief in one first schema, so that later features extend tables
// rather than reshape them. Conventions: INTEGER ids, dates as 'YYYY-MM-DD', instants as ISO 8601
// UTC text, money as integer cents, booleans as 0/1 with CHECKs.
export const migration: Migration = {
  id: '0001_initial',
  statements: [
    // ---- settings, staff, sessions ------------------------------------------------------------
    `CREATE TABLE settings (
      key TEXT PRIMARY KEY,
      value TEXT NOT NULL,
      updated_at TEXT NOT NULL
    )`,
    `CREATE TABLE staff_users (
      id INTEGER PRIMARY KEY AUTOINCREMENT,
      email TEXT NOT NULL UNIQUE COLLATE NOCASE,
      password_hash TEXT NOT NULL,
      first_name TEXT NOT NULL,
      last_name TEXT NOT NULL,
      role TEXT NOT NULL CHECK (role IN ('admin', 'agent', 'animateur')),
      active INTEGER NOT NULL DEFAULT 1 CHECK (active IN (0, 1)),
      created_at TEXT NOT NULL,
      last_login_at TEXT
    )`,
    // ---- families ------------------------------------------------------------------------------
    `CREATE TABLE families (
      id INTEGER PRIMARY KEY AUTOINCREMENT,
      status TEXT NOT NULL CHECK (status IN ('email_unverified', 'profile_incomplete',
        'awaiting_validation', 'validated', 'rejected', 'suspended', 'archived')),
      status_reason TEXT,
      qf INTEGER CHECK (qf IS NULL OR qf >= 0),
      qf_valid_until TEXT,
      caf_number TEXT,
      allocataire_name TEXT,
      dependants_count INTEGER CHECK (dependants_count IS NULL OR dependants_count >= 0),
      outside_commune INTEGER NOT NULL DEFAULT 0 CHECK (outside_commune IN (0, 1)),
      invoice_delivery TEXT NOT NULL DEFAULT 'email_pdf' CHECK (invoice_delivery IN ('email_pdf', 'email_link', 'paper')),
      ical_token TEXT UNIQUE,
      submitted_at TEXT,
      validated_at TEXT,
      validated_by INTEGER REFERENCES staff_users(id),
      created_at TEXT NOT NULL,
      updated_at TEXT NOT NULL
    )`,
    `CREATE INDEX families_status ON families(status, submitted_at)`,
    `CREATE TABLE guardians (
      id INTEGER PRIMARY KEY AUTOINCREMENT,
      family_id INTEGER NOT NULL REFERENCES families(id) ON DELETE CASCADE,
      role TEXT NOT NULL CHECK (role IN ('responsable', 'conjoint')),
      civility TEXT CHECK (civility IS NULL OR civility IN ('M.', 'Mme')),
      last_name TEXT NOT NULL,
      first_name TEXT NOT NULL,
      birth_date TEXT,
      email TEXT COLLATE NOCASE,
      phone_mobile TEXT,
      phone_home TEXT,
      address_line1 TEXT,
      address_line2 TEXT,
      postal_code TEXT,
      city TEXT,
      employer TEXT,
      profession TEXT,
      phone_work TEXT,
      created_at TEXT NOT NULL,
      updated_at TEXT NOT NULL
    )`,
    `CREATE UNIQUE INDEX guardians_one_responsable ON guardians(family_id) WHERE role = 'responsable'`,
    `CREATE INDEX guardians_last_name ON guardians(last_name COLLATE NOCASE)`,
    `CREATE INDEX guardians_phone ON guardians(phone_mobile)`,
    // One login per family account (the guide's "Identifiant : votre adresse mail").
    `CREATE TABLE portal_accounts (
      id INTEGER PRIMARY KEY AUTOINCREMENT,
      family_id INTEGER NOT NULL REFERENCES families(id) ON DELETE CASCADE,
      email TEXT NOT NULL UNIQUE COLLATE NOCASE,
      password_hash TEXT NOT NULL,
      email_verified_at TEXT,
      created_at TEXT NOT NULL,
      last_login_at TEXT
    )`,
    `CREATE INDEX portal_accounts_family ON portal_accounts(family_id)`,
    `CREATE TABLE email_tokens (
      id INTEGER PRIMARY KEY AUTOINCREMENT,
      account_id INTEGER NOT NULL REFERENCES portal_accounts(id) ON DELETE CASCADE,
      purpose TEXT NOT NULL CHECK (purpose IN ('verify_email', 'reset_password', 'change_email')),
      token_hash TEXT NOT NULL UNIQUE,
      new_email TEXT,
      expires_at TEXT NOT NULL,
      used_at TEXT,
      created_at TEXT NOT NULL
    )`,
    // ---- children --------------------------------------------------------------------------------
    `CREATE TABLE children (
      id INTEGER PRIMARY KEY AUTOINCREMENT,
      last_name TEXT NOT NULL,
      first_name TEXT NOT NULL,
      birth_date TEXT NOT NULL,
      sex TEXT CHECK (sex IS NULL OR sex IN ('F', 'M')),
      school TEXT,
      class_level TEXT,
      image_rights INTEGER NOT NULL DEFAULT 0 CHECK (image_rights IN (0, 1)),
      may_leave_alone INTEGER NOT NULL DEFAULT 0 CHECK (may_leave_alone IN (0, 1)),
      notes TEXT,
      created_at TEXT NOT NULL,
      updated_at TEXT NOT NULL
    )`,
    `CREATE INDEX children_last_name ON children(last_name COLLATE NOCASE, first_name COLLATE NOCASE)`,
    // A child belongs to one family, or to two in shared custody (garde alternée).
    `CREATE TABLE family_children (
      family_id INTEGER NOT NULL REFERENCES families(id) ON DELETE CASCADE,
      child_id INTEGER NOT NULL REFERENCES children(id) ON DELETE CASCADE,
      linked_at TEXT NOT NULL,
      PRIMARY KEY (family_id, child_id)
    )`,
    `CREATE INDEX family_children_child ON family_children(child_id)`,
    `CREATE TABLE medical_records (
      child_id INTEGER PRIMARY KEY REFERENCES children(id) ON DELETE CASCADE,
      allergies TEXT,
      has_pai INTEGER NOT NULL DEFAULT 0 CHECK (has_pai IN (0, 1)),
      pai_details TEXT,
      pai_document_id INTEGER REFERENCES documents(id) ON DELETE SET NULL,
      diet TEXT NOT NULL DEFAULT 'standard' CHECK (diet IN ('standard', 'sans_porc', 'vegetarien', 'sans_gluten', 'autre')),
      diet_details TEXT,
      doctor_name TEXT,
      doctor_phone TEXT,
      vaccinations_up_to_date INTEGER CHECK (vaccinations_up_to_date IS NULL OR vaccinations_up_to_date IN (0, 1)),
      vaccination_notes TEXT,
      other_notes TEXT,
      updated_at TEXT NOT NULL
    )`,
    `CREATE TABLE authorized_persons (
      id INTEGER PRIMARY KEY AUTOINCREMENT,
      child_id INTEGER NOT NULL REFERENCES children(id) ON DELETE CASCADE,
      last_name TEXT NOT NULL,
      first_name TEXT NOT NULL,
      mobile TEXT NOT NULL,
      relationship TEXT NOT NULL,
      created_at TEXT NOT NULL
    )`,
    `CREATE INDEX authorized_persons_child ON authorized_persons(child_id)`,
    // The rule of 4 lives in the service layer with a French message; the trigger is the last
    // line of defence against a path that forgets it.
    `CREATE TRIGGER authorized_persons_max_four BEFORE INSERT ON authorized_persons
      WHEN (SELECT COUNT(*) FROM authorized_persons WHERE child_id = NEW.child_id) >= 4
      BEGIN SELECT RAISE(ABORT, 'authorized_persons_limit'); END`,
    `CREATE TABLE documents (
      id INTEGER PRIMARY KEY AUTOINCREMENT,
      family_id INTEGER NOT NULL REFERENCES families(id) ON DELETE CASCADE,
      child_id INTEGER REFERENCES children(id) ON DELETE SET NULL,
      type TEXT NOT NULL CHECK (type IN ('attestation_responsabilite_civile', 'rib', 'mandat_sepa',
        'justificatif_qf', 'pai', 'certificat_medical', 'autre')),
      file_name TEXT NOT NULL,
      mime_type TEXT NOT NULL CHECK (mime_type IN ('application/pdf', 'image/jpeg', 'image/png')),
      size_bytes INTEGER NOT NULL CHECK (size_bytes > 0),
      storage_key TEXT NOT NULL UNIQUE,
      sha256 TEXT NOT NULL,
      status TEXT NOT NULL DEFAULT 'transmitted' CHECK (status IN ('transmitted', 'accepted', 'refused', 'expired')),
      refusal_reason TEXT,
      school_year TEXT,
      valid_until TEXT,
      uploaded_by_account_id INTEGER REFERENCES portal_accounts(id) ON DELETE SET NULL,
      uploaded_by_staff_id INTEGER REFERENCES staff_users(id),
      uploaded_at TEXT NOT NULL,
      reviewed_by INTEGER REFERENCES staff_users(id),
      reviewed_at TEXT
    )`,
    `CREATE INDEX documents_family ON documents(family_id, type)`,
    `CREATE INDEX documents_status ON documents(status, uploaded_at)`,
    `CREATE TABLE sepa_mandates (
      id INTEGER PRIMARY KEY AUTOINCREMENT,
      family_id INTEGER NOT NULL REFERENCES families(id) ON DELETE CASCADE,
      rum TEXT NOT NULL UNIQUE,
      iban TEXT NOT NULL,
      bic TEXT NOT NULL,
      holder_name TEXT NOT NULL,
      signature_date TEXT NOT NULL,
      status TEXT NOT NULL DEFAULT 'active' CHECK (status IN ('pending', 'active', 'revoked', 'lapsed')),
      first_collected_at TEXT,
      last_collected_at TEXT,
      document_id INTEGER REFERENCES documents(id) ON DELETE SET NULL,
      created_at TEXT NOT NULL,
      updated_at TEXT NOT NULL
    )`,
    `CREATE INDEX sepa_mandates_family ON sepa_mandates(family_id, status)`,
    // ---- services and their calendar ---------------------------------------------------------------
    `CREATE TABLE services (
      id INTEGER PRIMARY KEY AUTOINCREMENT,
      code TEXT NOT NULL UNIQUE,
      name TEXT NOT NULL,
      description TEXT,
      kind TEXT NOT NULL CHECK (kind IN ('restauration', 'periscolaire', 'alsh_mercredi', 'alsh_vacances', 'autre')),
      ratio_regime TEXT NOT NULL CHECK (ratio_regime IN ('periscolaire', 'extrascolaire', 'none')),
      pedt INTEGER NOT NULL DEFAULT 0 CHECK (pedt IN (0, 1)),
      approval_mode TEXT NOT NULL CHECK (approval_mode IN ('automatic', 'manual')),
      deadline_days INTEGER NOT NULL DEFAULT 7 CHECK (deadline_days >= 0),
      late_booking_policy TEXT NOT NULL CHECK (late_booking_policy IN ('refuse', 'surcharge', 'accept')),
      late_cancellation_policy TEXT NOT NULL CHECK (late_cancellation_policy IN ('billed', 'free')),
      bookings_final INTEGER NOT NULL DEFAULT 0 CHECK (bookings_final IN (0, 1)),
      late_booking_surcharge_cents INTEGER NOT NULL DEFAULT 100 CHECK (late_booking_surcharge_cents >= 0),
      unbooked_presence_surcharge_cents INTEGER NOT NULL DEFAULT 100 CHECK (unbooked_presence_surcharge_cents >= 0),
      justified_absence_billed INTEGER NOT NULL DEFAULT 0 CHECK (justified_absence_billed IN (0, 1)),
      no_place_policy TEXT NOT NULL DEFAULT 'refuse' CHECK (no_place_policy IN ('refuse', 'waitlist')),
      waitlist_promotion TEXT NOT NULL DEFAULT 'automatic' CHECK (waitlist_promotion IN ('automatic', 'offer')),
      max_places INTEGER CHECK (max_places IS NULL OR max_places >= 0),
      requires_enrolment INTEGER NOT NULL DEFAULT 0 CHECK (requires_enrolment IN (0, 1)),
      contact_email TEXT,
      contact_phone TEXT,
      contact_url TEXT,
      sort_order INTEGER NOT NULL DEFAULT 0,
      active INTEGER NOT NULL DEFAULT 1 CHECK (active IN (0, 1)),
      created_at TEXT NOT NULL,
      updated_at TEXT NOT NULL
    )`,
    `CREATE TABLE periods (
      id INTEGER PRIMARY KEY AUTOINCREMENT,
      service_id INTEGER NOT NULL REFERENCES services(id) ON DELETE CASCADE,
      name TEXT NOT NULL,
      kind TEXT NOT NULL CHECK (kind IN ('school_year', 'holidays', 'other')),
      school_year TEXT NOT NULL,
      start_date TEXT NOT NULL,
      end_date TEXT NOT NULL,
      day_pattern TEXT NOT NULL CHECK (day_pattern IN ('school_days', 'wednesdays', 'holiday_weekdays', 'weekdays')),
      weekdays TEXT,
      bookings_open_at TEXT,
      created_at TEXT NOT NULL,
      CHECK (end_date >= start_date)
    )`,
    `CREATE INDEX periods_service ON periods(service_id, start_date)`,
    `CREATE TABLE units (
      id INTEGER PRIMARY KEY AUTOINCREMENT,
      service_id INTEGER NOT NULL REFERENCES services(id) ON DELETE CASCADE,
      code TEXT NOT NULL,
      name TEXT NOT NULL,
      kind TEXT NOT NULL DEFAULT 'accueil' CHECK (kind IN ('accueil', 'activite')),
      start_time TEXT,
      end_time TEXT,
      sort_order INTEGER NOT NULL DEFAULT 0,
      active INTEGER NOT NULL DEFAULT 1 CHECK (active IN (0, 1)),
      UNIQUE (service_id, code)
    )`,
    `CREATE TABLE unit_incompatibilities (
      unit_id INTEGER NOT NULL REFERENCES units(id) ON DELETE CASCADE,
      other_unit_id INTEGER NOT NULL REFERENCES units(id) ON DELETE CASCADE,
      PRIMARY KEY (unit_id, other_unit_id),
      CHECK (unit_id <> other_unit_id)
    )`,
    `CREATE TABLE groups (
      id INTEGER PRIMARY KEY AUTOINCREMENT,
      service_id INTEGER NOT NULL REFERENCES services(id) ON DELETE CASCADE,
      name TEXT NOT NULL,
      min_age INTEGER NOT NULL CHECK (min_age >= 0),
      max_age INTEGER NOT NULL,
      max_places INTEGER CHECK (max_places IS NULL OR max_places >= 0),
      sort_order INTEGER NOT NULL DEFAULT 0,
      CHECK (max_age >= min_age)
    )`,
    `CREATE TABLE opening_days (
      id INTEGER PRIMARY KEY AUTOINCREMENT,
      period_id INTEGER NOT NULL REFERENCES periods(id) ON DELETE CASCADE,
      date TEXT NOT NULL,
      closed INTEGER NOT NULL DEFAULT 0 CHECK (closed IN (0, 1)),
      note TEXT,
      UNIQUE (period_id, date)
    )`,
    `CREATE INDEX opening_days_date ON opening_days(date)`,
    // Activities (sorties, stages) are units of kind 'activite' offered on given days only.
    `CREATE TABLE opening_day_activities (
      opening_day_id INTEGER NOT NULL REFERENCES opening_days(id) ON DELETE CASCADE,
      unit_id INTEGER NOT NULL REFERENCES units(id) ON DELETE CASCADE,
      places INTEGER CHECK (places IS NULL OR places >= 0),
      PRIMARY KEY (opening_day_id, unit_id)
    )`,
    `CREATE TABLE school_holidays (
      id INTEGER PRIMARY KEY AUTOINCREMENT,
      zone TEXT NOT NULL CHECK (zone IN ('A', 'B', 'C')),
      school_year TEXT NOT NULL,
      name TEXT NOT NULL,
      first_day_off TEXT NOT NULL,
      last_day_off TEXT,
      source TEXT NOT NULL,
      UNIQUE (zone, school_year, name)
    )`,
    `CREATE TABLE staffing_rules (
      id INTEGER PRIMARY KEY AUTOINCREMENT,
      service_id INTEGER NOT NULL REFERENCES services(id) ON DELETE CASCADE,
      group_id INTEGER REFERENCES groups(id) ON DELETE CASCADE,
      long_session INTEGER NOT NULL DEFAULT 0 CHECK (long_session IN (0, 1)),
      under_six_per_animator INTEGER NOT NULL CHECK (under_six_per_animator > 0),
      six_plus_per_animator INTEGER NOT NULL CHECK (six_plus_per_animator > 0),
      UNIQUE (service_id, group_id, long_session)
    )`,
    `CREATE TABLE staff_plans (
      id INTEGER PRIMARY KEY AUTOINCREMENT,
      service_id INTEGER NOT NULL REFERENCES services(id) ON DELETE CASCADE,
      group_id INTEGER NOT NULL REFERENCES groups(id) ON DELETE CASCADE,
      date TEXT NOT NULL,
      animators INTEGER NOT NULL CHECK (animators >= 0),
      qualified INTEGER NOT NULL DEFAULT 0 CHECK (qualified >= 0),
      director_counted INTEGER NOT NULL DEFAULT 0 CHECK (director_counted IN (0, 1)),
      names TEXT,
      updated_by INTEGER REFERENCES staff_users(id),
      updated_at TEXT NOT NULL,
      UNIQUE (group_id, date)
    )`,
    // ---- tariffs ---------------------------------------------------------------------------------
    `CREATE TABLE tariff_grids (
      id INTEGER PRIMARY KEY AUTOINCREMENT,
      service_id INTEGER NOT NULL REFERENCES services(id) ON DELETE CASCADE,
      name TEXT NOT NULL,
      valid_from TEXT NOT NULL,
      created_at TEXT NOT NULL,
      UNIQUE (service_id, valid_from)
    )`,
    `CREATE TABLE tariff_brackets (
      id INTEGER PRIMARY KEY AUTOINCREMENT,
      grid_id INTEGER NOT NULL REFERENCES tariff_grids(id) ON DELETE CASCADE,
      label TEXT NOT NULL,
      qf_min INTEGER NOT NULL DEFAULT 0 CHECK (qf_min >= 0),
      qf_max INTEGER,
      outside_commune INTEGER NOT NULL DEFAULT 0 CHECK (outside_commune IN (0, 1)),
      sort_order INTEGER NOT NULL DEFAULT 0,
      CHECK (qf_max IS NULL OR qf_max >= qf_min)
    )`,
    `CREATE TABLE tariff_prices (
      bracket_id INTEGER NOT NULL REFERENCES tariff_brackets(id) ON DELETE CASCADE,
      unit_id INTEGER NOT NULL REFERENCES units(id) ON DELETE CASCADE,
      price_cents INTEGER NOT NULL CHECK (price_cents >= 0),
      PRIMARY KEY (bracket_id, unit_id)
    )`,
    // ---- enrolments, requests, bookings -------------------------------------------------------
    `CREATE TABLE enrolments (
      id INTEGER PRIMARY KEY AUTOINCREMENT,
      family_id INTEGER NOT NULL REFERENCES families(id) ON DELETE CASCADE,
      child_id INTEGER NOT NULL REFERENCES children(id) ON DELETE CASCADE,
      service_id INTEGER NOT NULL REFERENCES services(id) ON DELETE CASCADE,
      period_id INTEGER NOT NULL REFERENCES periods(id) ON DELETE CASCADE,
      group_id INTEGER REFERENCES groups(id),
      status TEXT NOT NULL CHECK (status IN ('pending', 'accepted', 'refused', 'cancelled')),
      reason TEXT,
      created_at TEXT NOT NULL,
      decided_at TEXT,
      decided_by INTEGER REFERENCES staff_users(id),
      UNIQUE (child_id, period_id, family_id)
    )`,
    `CREATE TABLE requests (
      id INTEGER PRIMARY KEY AUTOINCREMENT,
      family_id INTEGER NOT NULL REFERENCES families(id) ON DELETE CASCADE,
      created_by_account_id INTEGER REFERENCES portal_accounts(id) ON DELETE SET NULL,
      created_by_staff_id INTEGER REFERENCES staff_users(id),
      staff_reason TEXT,
      created_at TEXT NOT NULL
    )`,
    `CREATE INDEX requests_family ON requests(family_id, created_at)`,
    `CREATE TABLE bookings (
      id INTEGER PRIMARY KEY AUTOINCREMENT,
      family_id INTEGER NOT NULL REFERENCES families(id) ON DELETE CASCADE,
      child_id INTEGER NOT NULL REFERENCES children(id) ON DELETE CASCADE,
      service_id INTEGER NOT NULL REFERENCES services(id),
      period_id INTEGER NOT NULL REFERENCES periods(id),
      unit_id INTEGER NOT NULL REFERENCES units(id),
      group_id INTEGER REFERENCES groups(id),
      date TEXT NOT NULL,
      status TEXT NOT NULL CHECK (status IN ('pending', 'waitlisted', 'accepted', 'refused',
        'cancellation_pending', 'cancelled')),
      status_reason TEXT,
      request_id INTEGER REFERENCES requests(id) ON DELETE SET NULL,
      cancel_request_id INTEGER REFERENCES requests(id) ON DELETE SET NULL,
      late INTEGER NOT NULL DEFAULT 0 CHECK (late IN (0, 1)),
      surcharge_cents INTEGER NOT NULL DEFAULT 0 CHECK (surcharge_cents >= 0),
      billed_if_cancelled INTEGER NOT NULL DEFAULT 0 CHECK (billed_if_cancelled IN (0, 1)),
      exceptional_absence INTEGER NOT NULL DEFAULT 0 CHECK (exceptional_absence IN (0, 1)),
      booked_by_staff_id INTEGER REFERENCES staff_users(id),
      created_at TEXT NOT NULL,
      updated_at TEXT NOT NULL,
      version INTEGER NOT NULL DEFAULT 1
    )`,
    // The same child, day and unit is held at most once (refused and cancelled lines stay as history).
    `CREATE UNIQUE INDEX bookings_one_live ON bookings(child_id, date, unit_id)
      WHERE status NOT IN ('refused', 'cancelled')`,
    `CREATE INDEX bookings_places ON bookings(unit_id, date, group_id, status)`,
    `CREATE INDEX bookings_family_date ON bookings(family_id, date)`,
    `CREATE INDEX bookings_child_date ON bookings(child_id, date)`,
    `CREATE INDEX bookings_pending ON bookings(status, created_at) WHERE status IN ('pending', 'waitlisted', 'cancellation_pending')`,
    `CREATE TABLE booking_events (
      id INTEGER PRIMARY KEY AUTOINCREMENT,
      booking_id INTEGER NOT NULL REFERENCES bookings(id) ON DELETE CASCADE,
      at TEXT NOT NULL,
      from_status TEXT,
      to_status TEXT NOT NULL,
      actor_type TEXT NOT NULL CHECK (actor_type IN ('parent', 'staff', 'system')),
      actor_id INTEGER,
      reason TEXT
    )`,
    `CREATE INDEX booking_events_booking ON booking_events(booking_id, at)`,
    // ---- attendance --------------------------------------------------------------------------------
    `CREATE TABLE attendance (
      id INTEGER PRIMARY KEY AUTOINCREMENT,
      booking_id INTEGER REFERENCES bookings(id) ON DELETE SET NULL,
      family_id INTEGER NOT NULL REFERENCES families(id) ON DELETE CASCADE,
      child_id INTEGER NOT NULL REFERENCES children(id) ON DELETE CASCADE,
      service_id INTEGER NOT NULL REFERENCES services(id),
      unit_id INTEGER NOT NULL REFERENCES units(id),
      group_id INTEGER REFERENCES groups(id),
      date TEXT NOT NULL,
      state TEXT NOT NULL CHECK (state IN ('present', 'absent_justified', 'absent_unjustified', 'present_unbooked')),
      justification TEXT CHECK (justification IS NULL OR justification IN ('illness', 'illness_certificate', 'school', 'other')),
      recorded_by INTEGER REFERENCES staff_users(id),
      recorded_at TEXT NOT NULL,
      version INTEGER NOT NULL DEFAULT 1,
      UNIQUE (child_id, date, unit_id)
    )`,
    `CREATE INDEX attendance_day ON attendance(service_id, date)`,
    `CREATE INDEX attendance_family_date ON attendance(family_id, date)`,
    // ---- invoicing -----------------------------------------------------------------------------------
    `CREATE TABLE invoice_sequences (
      year INTEGER PRIMARY KEY,
      last_number INTEGER NOT NULL CHECK (last_number >= 0)
    )`,
    `CREATE TABLE invoicing_runs (
      id INTEGER PRIMARY KEY AUTOINCREMENT,
      month TEXT NOT NULL,
      service_ids TEXT NOT NULL,
      status TEXT NOT NULL CHECK (status IN ('running', 'completed', 'failed')),
      families_total INTEGER NOT NULL DEFAULT 0,
      families_done INTEGER NOT NULL DEFAULT 0,
      started_by INTEGER REFERENCES staff_users(id),
      started_at TEXT NOT NULL,
      finished_at TEXT,
      error TEXT
    )`,
    `CREATE TABLE invoices (
      id INTEGER PRIMARY KEY AUTOINCREMENT,
      number TEXT NOT NULL UNIQUE,
      year INTEGER NOT NULL,
      sequence INTEGER NOT NULL,
      kind TEXT NOT NULL CHECK (kind IN ('invoice', 'credit_note')),
      credited_invoice_id INTEGER REFERENCES invoices(id),
      family_id INTEGER NOT NULL REFERENCES families(id),
      month TEXT NOT NULL,
      run_id INTEGER REFERENCES invoicing_runs(id),
      issued_at TEXT NOT NULL,
      due_date TEXT NOT NULL,
      total_cents INTEGER NOT NULL,
      paid_cents INTEGER NOT NULL DEFAULT 0,
      status TEXT NOT NULL CHECK (status IN ('unpaid', 'partially_paid', 'paid', 'direct_debit', 'credited')),
      qf_applied INTEGER,
      family_snapshot TEXT NOT NULL,
      pdf_storage_key TEXT,
      emailed_at TEXT,
      last_reminder_at TEXT,
      UNIQUE (year, sequence)
    )`,
    `CREATE INDEX invoices_family ON invoices(family_id, issued_at)`,
    `CREATE INDEX invoices_month ON invoices(month, family_id)`,
    `CREATE TABLE invoice_lines (
      id INTEGER PRIMARY KEY AUTOINCREMENT,
      invoice_id INTEGER NOT NULL REFERENCES invoices(id) ON DELETE CASCADE,
      child_id INTEGER REFERENCES children(id),
      service_id INTEGER REFERENCES services(id),
      unit_id INTEGER REFERENCES units(id),
      kind TEXT NOT NULL CHECK (kind IN ('service', 'surcharge', 'credit', 'adjustment')),
      label TEXT NOT NULL,
      date_from TEXT,
      date_to TEXT,
      quantity INTEGER NOT NULL,
      unit_price_cents INTEGER NOT NULL,
      amount_cents INTEGER NOT NULL,
      explanation TEXT,
      sort_order INTEGER NOT NULL DEFAULT 0
    )`,
    `CREATE INDEX invoice_lines_invoice ON invoice_lines(invoice_id)`,
    // Which booked or attended child-day an invoice line billed, so nothing is billed twice.
    `CREATE TABLE invoice_line_items (
      invoice_line_id INTEGER NOT NULL REFERENCES invoice_lines(id) ON DELETE CASCADE,
      booking_id INTEGER REFERENCES bookings(id),
      attendance_id INTEGER REFERENCES attendance(id),
      date TEXT NOT NULL
    )`,
    `CREATE UNIQUE INDEX invoice_line_items_booking ON invoice_line_items(booking_id, invoice_line_id)`,
    // ---- payments --------------------------------------------------------------------------------------
    `CREATE TABLE sepa_debit_runs (
      id INTEGER PRIMARY KEY AUTOINCREMENT,
      due_date TEXT NOT NULL,
      message_id TEXT NOT NULL UNIQUE,
      status TEXT NOT NULL CHECK (status IN ('draft', 'generated', 'submitted', 'settled')),
      transactions_count INTEGER NOT NULL DEFAULT 0,
      total_cents INTEGER NOT NULL DEFAULT 0,
      file_storage_key TEXT,
      created_by INTEGER REFERENCES staff_users(id),
      created_at TEXT NOT NULL
    )`,
    `CREATE TABLE payfip_transactions (
      id INTEGER PRIMARY KEY AUTOINCREMENT,
      invoice_id INTEGER NOT NULL REFERENCES invoices(id),
      family_id INTEGER NOT NULL REFERENCES families(id),
      id_op TEXT UNIQUE,
      amount_cents INTEGER NOT NULL CHECK (amount_cents > 0),
      status TEXT NOT NULL CHECK (status IN ('created', 'paid', 'refused', 'abandoned', 'expired', 'error')),
      result_code TEXT,
      created_at TEXT NOT NULL,
      resolved_at TEXT
    )`,
    `CREATE TABLE payments (
      id INTEGER PRIMARY KEY AUTOINCREMENT,
      family_id INTEGER NOT NULL REFERENCES families(id),
      method TEXT NOT NULL CHECK (method IN ('payfip', 'sepa', 'cheque', 'cash', 'cesu', 'transfer', 'credit')),
      amount_cents INTEGER NOT NULL,
      status TEXT NOT NULL CHECK (status IN ('confirmed', 'pending', 'rejected')),
      received_at TEXT NOT NULL,
      reference TEXT,
      payfip_transaction_id INTEGER UNIQUE REFERENCES payfip_transactions(id),
      sepa_debit_run_id INTEGER REFERENCES sepa_debit_runs(id),
      sepa_mandate_id INTEGER REFERENCES sepa_mandates(id),
      rejection_reason TEXT,
      recorded_by INTEGER REFERENCES staff_users(id),
      notes TEXT,
      created_at TEXT NOT NULL
    )`,
    `CREATE INDEX payments_family ON payments(family_id, received_at)`,
    `CREATE TABLE payment_allocations (
      payment_id INTEGER NOT NULL REFERENCES payments(id) ON DELETE CASCADE,
      invoice_id INTEGER NOT NULL REFERENCES invoices(id),
      amount_cents INTEGER NOT NULL CHECK (amount_cents > 0),
      PRIMARY KEY (payment_id, invoice_id)
    )`,
    // ---- portal content ----------------------------------------------------------------------------------
    `CREATE TABLE news (
      id INTEGER PRIMARY KEY AUTOINCREMENT,
      service_id INTEGER REFERENCES services(id) ON DELETE SET NULL,
      title TEXT NOT NULL,
      body TEXT NOT NULL,
      publish_from TEXT NOT NULL,
      publish_until TEXT,
      created_by INTEGER REFERENCES staff_users(id),
      created_at TEXT NOT NULL,
      updated_at TEXT NOT NULL
    )`,
    `CREATE INDEX news_publish ON news(publish_from)`,
    `CREATE TABLE info_pages (
      id INTEGER PRIMARY KEY AUTOINCREMENT,
      service_id INTEGER REFERENCES services(id) ON DELETE SET NULL,
      slug TEXT NOT NULL UNIQUE,
      title TEXT NOT NULL,
      body TEXT NOT NULL,
      published INTEGER NOT NULL DEFAULT 1 CHECK (published IN (0, 1)),
      sort_order INTEGER NOT NULL DEFAULT 0,
      created_at TEXT NOT NULL,
      updated_at TEXT NOT NULL
    )`,
    `CREATE TABLE content_attachments (
      id INTEGER PRIMARY KEY AUTOINCREMENT,
      news_id INTEGER REFERENCES news(id) ON DELETE CASCADE,
      info_page_id INTEGER REFERENCES info_pages(id) ON DELETE CASCADE,
      file_name TEXT NOT NULL,
      mime_type TEXT NOT NULL,
      size_bytes INTEGER NOT NULL,
      storage_key TEXT NOT NULL UNIQUE,
      created_at TEXT NOT NULL,
      CHECK ((news_id IS NULL) <> (info_page_id IS NULL))
    )`,
    // ---- sessions, throttling, mail, audit, jobs ------------------------------------------------
    `CREATE TABLE sessions (
      id_hash TEXT PRIMARY KEY,
      kind TEXT NOT NULL CHECK (kind IN ('parent', 'staff')),
      account_id INTEGER REFERENCES portal_accounts(id) ON DELETE CASCADE,
      staff_user_id INTEGER REFERENCES staff_users(id) ON DELETE CASCADE,
      csrf_token TEXT NOT NULL,
      created_at TEXT NOT NULL,
      expires_at TEXT NOT NULL,
      last_seen_at TEXT NOT NULL,
      ip TEXT,
      user_agent TEXT,
      CHECK ((kind = 'parent' AND account_id IS NOT NULL AND staff_user_id IS NULL)
          OR (kind = 'staff' AND staff_user_id IS NOT NULL AND account_id IS NULL))
    )`,
    `CREATE INDEX sessions_account ON sessions(account_id)`,
    `CREATE INDEX sessions_staff ON sessions(staff_user_id)`,
    `CREATE INDEX sessions_expires ON sessions(expires_at)`,
    `CREATE TABLE login_throttle (
      key TEXT PRIMARY KEY,
      failures INTEGER NOT NULL,
      window_started_at TEXT NOT NULL,
      locked_until TEXT
    )`,
    `CREATE TABLE email_outbox (
      id INTEGER PRIMARY KEY AUTOINCREMENT,
      to_address TEXT NOT NULL,
      subject TEXT NOT NULL,
      text_body TEXT NOT NULL,
      html_body TEXT,
      attachments TEXT,
      status TEXT NOT NULL CHECK (status IN ('pending', 'sent', 'failed')),
      attempts INTEGER NOT NULL DEFAULT 0,
      last_error TEXT,
      next_attempt_at TEXT NOT NULL,
      family_id INTEGER REFERENCES families(id) ON DELETE SET NULL,
      created_at TEXT NOT NULL,
      sent_at TEXT
    )`,
    `CREATE INDEX email_outbox_due ON email_outbox(status, next_attempt_at)`,
    `CREATE TABLE audit_log (
      id INTEGER PRIMARY KEY AUTOINCREMENT,
      at TEXT NOT NULL,
      actor_type TEXT NOT NULL CHECK (actor_type IN ('parent', 'staff', 'system')),
      actor_id INTEGER,
      actor_label TEXT NOT NULL,
      action TEXT NOT NULL,
      entity_type TEXT NOT NULL,
      entity_id INTEGER,
      family_id INTEGER,
      changes TEXT,
      ip TEXT
    )`,
    `CREATE INDEX audit_log_family ON audit_log(family_id, at)`,
    `CREATE INDEX audit_log_entity ON audit_log(entity_type, entity_id, at)`,
    `CREATE TABLE scheduled_jobs (
      name TEXT PRIMARY KEY,
      last_run_at TEXT,
      last_status TEXT CHECK (last_status IS NULL OR last_status IN ('ok', 'failed')),
      last_result TEXT,
      next_run_at TEXT
    )`,
  ],
};
