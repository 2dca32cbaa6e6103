"""A small loopback load harness for hemorehab's benchmarks (bench/bench_pages.py, and the
load tests of the family app and of the production set-up).

    from loadlib import client, database, load, server

    db = database.sqlite_database()  # or database.postgres_database(url): dropped, created
    accounts = database.clinicians(8)  # database.Account(...) for families and others
    database.prepare_demo(db, accounts)  # migrate, center, accounts, `hemorehab demo`
    try:
        command = server.hemorehab_serve()  # or server.prefork_serve(processes=2), or argv
        with server.Server("hemorehab", command, db.env, db.var_dir, "/login/") as app:
            sessions = []
            for number, account in enumerate(accounts):
                session = client.HttpSession(app.port_for(number))
                session.login_form(account.username, account.password)  # or login_token
                sessions.append(session)
            run = load.run_load(sessions, lambda s, i: s.get("/"), 400, app, db, processes=2)
            print(run.summary(), run.cpu_share())
    finally:
        db.close()

The scripts in bench/ import it as `loadlib` (bench/ is on the path when they run).
"""
