/// Help texts. Every example here is run by the tests.
enum Help {
  static let main = """
    hupsim — which signals your jobs get when the terminal closes, the SSH connection
    drops or you type exit, who sends them, in what order, and whether each job survives.

    USAGE
      hupsim [simulate] [options]
      hupsim rules [--format text|json]
      hupsim help <command>

    SCENARIO OPTIONS
      --shell bash-2.05|bash-2.05b|bash-3.0|bash-3.1|bash-3.2|bash-4.0|bash-4.1|bash-4.2|
              bash-4.3|bash-4.4|bash-5.0|bash-5.1|bash-5.2|bash-5.3        (default bash-5.2)
      --os linux|linux-2.6|netbsd-1.6         kernel profile (default linux = Linux 6.x)
      --login | --no-login                    login shell or not (default --login)
      --huponexit                             shopt -s huponexit
      --checkjobs                             shopt -s checkjobs (bash 4.0+)
      --subreaper                             an ancestor is a child subreaper (systemd --user)
      --state running|stopped|ttin            the job's state when the session ends (default running);
                                              ttin = a background job stopped by reading the terminal
      --bg | --fg                             started with & or not (default --bg; --fg only when running)
      --launch plain|nohup|setsid|disown|disown-h|subshell
                                              how the job was started (default plain);
                                              --nohup, --setsid, --disown, --disown-h, --subshell
                                              are shorthands
      --handles SIG[,SIG...]                  signals the job's program catches (e.g. HUP,TERM,CONT)
      --ignores SIG[,SIG...]                  signals the job inherits as ignored
      --exit exit|logout|eof|hangup|kill-hup  how the session ends (default exit);
                                              hangup = terminal closed or SSH dropped,
                                              kill-hup = SIGHUP sent to the shell, terminal open
      --scenario FILE.json                    several jobs and user actions (schema in README.md)

    OUTPUT
      --format text|json                      default text: timeline, shell output, survival
                                              table, ps listings and the rules applied

    EXAMPLES
      hupsim --state stopped --nohup --exit logout
      hupsim --exit hangup --handles HUP,CONT,TERM
      hupsim --shell bash-3.2 --os linux-2.6 --state stopped --disown-h --huponexit --format json
      hupsim --fg --exit hangup --ignores HUP

    EXIT STATUS
      0 success, 64 bad usage (unknown flag or value, impossible combination).

    """

  static let record = """
    hupsim record — run a scenario for real on this Linux machine: a fresh pseudo-terminal,
    a hermetic bash (temporary HOME, no rc files, default signal dispositions), a probe
    program that logs every signal it takes with its sender, the session ended as the
    scenario says; then compare what happened with the model.

    USAGE
      hupsim record [scenario options] [--shell-path PATH] [--repeat N] [--out FILE]
                    [--strace] [--timeout SECONDS] [--id ID] [--format text|json]

    OPTIONS
      scenario options   as for `hupsim` (--state, --launch, --exit, --handles, ...);
                         --os must be linux; --shell defaults to the version of the bash run
      --shell-path PATH  the bash to run (default /bin/bash)
      --repeat N         run N times (1-50, default 1); repeats that disagree mark the trace unstable
      --out FILE         write the trace (the fixture format) to FILE
      --strace           also trace the shell's own kill() calls (needs strace)
      --timeout SECONDS  the longest one run may take (default 20)
      --id ID            the trace's id (default derived from the scenario)

    EXAMPLES
      hupsim record --state stopped --exit exit --format json
      hupsim record --exit hangup --handles HUP,CONT,TERM --repeat 3 --out /tmp/t.json

    EXIT STATUS
      0 recorded and the model agrees; 1 the model disagrees; 64 bad usage;
      70 the recording itself failed; 128+N interrupted by signal N (everything started
      was killed and its files removed first).

    """

  static let verify = """
    hupsim verify — run the model on every trace (the seeds' experiments and claims, and
    traces recorded on real systems) and print a conformance table and each disagreement
    with the real and the model's answer side by side.

    USAGE
      hupsim verify [PATH...] [--verbose]

      PATH        trace files or folders searched for *.json (default: Fixtures)
      --verbose   also list the divergences the traces declare, with their reasons

    EXIT STATUS
      0 every trace agrees or disagrees only as it declares; 1 otherwise; 64 bad usage.

    """

  static let rules = """
    hupsim rules — list every rule the simulator applies: its stable ID, what it does and
    the real function or standard behind it on each system.

    USAGE
      hupsim rules [--format text|json]

    """
}
