import HangupModel
import HangupReport

/// One option of a command, as help, the man page and the completion scripts show it.
struct OptionSpec {
  var names: [String]
  /// The value's placeholder, or nil for a flag.
  var value: String?
  /// The closed set of values, for completion.
  var choices: [String]
  var help: String

  init(_ names: [String], value: String? = nil, choices: [String] = [], _ help: String) {
    self.names = names
    self.value = value
    self.choices = choices
    self.help = help
  }
}

/// One command: the single source for `--help`, `hupsim.1` and the completion scripts.
struct CommandSpec {
  var name: String
  var summary: String
  var usage: [String]
  var description: String
  var options: [OptionSpec]
  var examples: [String]
  var exitStatus: String
}

enum CLISpec {
  static let shells = ShellRegistry.families.flatMap { [$0.name] + $0.versions.map(\.id) }
  static let oses = KernelProfile.ID.allCases.map(\.rawValue)
  static let signals = Signal.all.map(\.name)

  static let scenarioOptions: [OptionSpec] = [
    OptionSpec(["--shell"], value: "SHELL", choices: shells,
               "shell and release to model (default bash-5.2); a bare name is the release Debian 12 ships: bash, zsh, ksh93, mksh, dash, fish, tcsh, busybox-ash"),
    OptionSpec(["--os"], value: "OS", choices: oses, "kernel profile: linux (6.x), linux-2.6 (2.6.18), netbsd-1.6 (default linux)"),
    OptionSpec(["--login"], "a login shell (default)"),
    OptionSpec(["--no-login"], "not a login shell"),
    OptionSpec(["--huponexit"], "shopt -s huponexit"),
    OptionSpec(["--checkjobs"], "shopt -s checkjobs (bash 4.0+)"),
    OptionSpec(["--shell-option"], value: "NAME",
               "set the shell's own option (repeatable; no_NAME turns it off): zsh hup, check_jobs, check_running_jobs; mksh nohup; bash huponexit, checkjobs"),
    OptionSpec(["--subreaper"], "an ancestor of the terminal is a child subreaper (systemd --user)"),
    OptionSpec(["--state"], value: "STATE", choices: JobState.allCases.map(\.rawValue),
               "the job's state when the session ends (default running); ttin = a background job stopped by reading the terminal"),
    OptionSpec(["--bg"], "the job was started with & (default)"),
    OptionSpec(["--fg"], "the job runs in the foreground (only when running)"),
    OptionSpec(["--launch"], value: "LAUNCH", choices: Launch.allCases.map(\.rawValue), "how the job was started (default plain)"),
    OptionSpec(["--nohup"], "same as --launch nohup"),
    OptionSpec(["--setsid"], "same as --launch setsid"),
    OptionSpec(["--disown"], "same as --launch disown"),
    OptionSpec(["--disown-h"], "same as --launch disown-h"),
    OptionSpec(["--subshell"], "same as --launch subshell"),
    OptionSpec(["--tmux"], "same as --launch tmux"),
    OptionSpec(["--handles"], value: "SIG[,SIG...]", choices: signals, "signals the job's program catches, e.g. HUP,CONT,TERM"),
    OptionSpec(["--ignores"], value: "SIG[,SIG...]", choices: signals, "signals the job inherits as ignored"),
    OptionSpec(["--exit"], value: "END", choices: SessionEnd.allCases.map(\.rawValue),
               "how the session ends (default exit); hangup = terminal closed or SSH dropped; kill-hup = SIGHUP sent to the shell"),
    OptionSpec(["--session"], value: "SESSION", choices: SessionKind.allCases.map(\.rawValue),
               "who holds the terminal (default ssh): terminal = a terminal window (closing it is the hang-up), hold = the terminal stays open after the shell, ssh-no-pty = ssh host 'cmd' (pipes, no job control), tmux-pane = a tmux pane reached over ssh"),
    OptionSpec(["--no-job-control"], "the shell runs a command string without job control (sh -c, ssh -t host 'cmd &', a script, set +m)"),
    OptionSpec(["--exits-on"], value: "SIG[,SIG...]", choices: signals, "the job's program shuts down when it catches these (Go's signal.Notify, node's process.on)"),
    OptionSpec(["--resets-signals"], "the job's program resets every signal to its default at start (node, libuv's children): nohup's ignore is lost"),
    OptionSpec(["--writes"], "the job's program writes to its stdout now and then (EIO on a hung-up terminal, SIGPIPE on a closed pipe)"),
    OptionSpec(["--reads"], "the job's program reads its stdin"),
    OptionSpec(["--on-read-error"], value: "WHAT", choices: ["exit", "retry"], "after end of file or a read error the program exits (default) or retries, spinning"),
    OptionSpec(["--stdout"], value: "TARGET", choices: OutputTarget.allCases.map(\.rawValue), "where the job's stdout and stderr go (default the session's terminal, or sshd's pipe)"),
    OptionSpec(["--scenario"], value: "FILE", "several jobs and user actions from a JSON file (schema in README.md)"),
  ]

  static let langOption = OptionSpec(["--lang"], value: "LANG", choices: Language.allCases.map(\.rawValue),
                                     "language of the table, explanation or advice: en, ja, zh (default en)")

  static let commands: [CommandSpec] = [
    CommandSpec(
      name: "simulate", summary: "simulate a scenario (the default command)",
      usage: ["hupsim [simulate] [scenario options] [--format text|json|mermaid|svg]"],
      description: "Prints the ordered signal timeline of a scenario with the rule and real source function behind every step, the shell's output, a survival table, ps listings before and after, and the rules applied.",
      options: scenarioOptions + [
        OptionSpec(["--format"], value: "FORMAT", choices: ["text", "json", "mermaid", "svg"],
                   "text (default), json, a Mermaid sequence diagram, or a self-contained SVG"),
      ],
      examples: [
        "hupsim --state stopped --nohup --exit logout",
        "hupsim --exit hangup --handles HUP,CONT,TERM",
        "hupsim --shell bash-3.2 --os linux-2.6 --state stopped --disown-h --huponexit --format json",
        "hupsim --fg --exit hangup --ignores HUP",
        "hupsim --state stopped --nohup --exit logout --format svg",
      ],
      exitStatus: "0 success, 64 bad usage (unknown flag or value, impossible combination)."),
    CommandSpec(
      name: "explain", summary: "tell the scenario as a numbered story, with the verdict and the reasons",
      usage: ["hupsim explain [scenario options] [--lang en|ja|zh] [--format text|markdown|json|mermaid|svg]"],
      description: "A numbered narrative: who sends what to whom and why, each step naming its rule and the real function or standard behind it, what the receiver does with it, the verdict, why, and what the user would see (the shell's messages, ps before and after).",
      options: scenarioOptions + [langOption,
        OptionSpec(["--format"], value: "FORMAT", choices: ["text", "markdown", "json", "mermaid", "svg"], "output format (default text)")],
      examples: [
        "hupsim explain --state stopped --nohup --exit logout",
        "hupsim explain --exit hangup --lang ja",
        "hupsim explain --state stopped --disown --lang zh",
      ],
      exitStatus: "0 success, 64 bad usage."),
    CommandSpec(
      name: "advise", summary: "the smallest changes that make each dying job survive, each checked by simulation",
      usage: ["hupsim advise [scenario options] [--lang en|ja|zh] [--format text|markdown|json]"],
      description: "Tries remedies (bg before leaving, & instead of ^Z, disown -h, disown, nohup, setsid, a subshell, tmux, exit instead of closing the terminal, huponexit off) on the scenario, keeps the ones the simulator shows save every dying job, ranks them by how small the change is, and says what each still leaves exposed (stdin reads, terminal writes).",
      options: scenarioOptions + [langOption,
        OptionSpec(["--format"], value: "FORMAT", choices: ["text", "markdown", "json"], "output format (default text)")],
      examples: [
        "hupsim advise --state stopped --nohup --exit logout",
        "hupsim advise --exit hangup --lang ja",
      ],
      exitStatus: "0 success, 64 bad usage."),
    CommandSpec(
      name: "table", summary: "teaching tables computed by the simulator",
      usage: [
        "hupsim table --preset seed002|seed001|seed003|seed004 [--shell ...] [--os ...] [output options]",
        "hupsim table --compare shells|kernels [scenario options] [output options]",
        "hupsim table --rows DIM[,DIM] --cols DIM[,DIM] [scenario options] [output options]",
      ],
      description: "Regenerates the seed articles' tables from the simulator (seed002: signals bash sends by how it ends; seed001: the six-row table with row C corrected; seed003: disown vs nohup vs setsid; seed004: Ctrl+C vs kill -INT), compares a scenario across bash versions or kernels, or crosses any scenario dimensions (shell, os, login, huponexit, state, placement, launch, exit).",
      options: scenarioOptions + [
        OptionSpec(["--preset"], value: "PRESET", choices: TablePreset.allCases.map(\.rawValue), "a seed article's table"),
        OptionSpec(["--compare"], value: "WHAT", choices: ["shells", "kernels"], "the scenario across bash releases or kernel profiles"),
        OptionSpec(["--rows"], value: "DIM[,DIM]", choices: Dimension.allCases.map(\.rawValue), "dimensions on the rows"),
        OptionSpec(["--cols"], value: "DIM[,DIM]", choices: Dimension.allCases.map(\.rawValue), "dimensions on the columns"),
        OptionSpec(["--format"], value: "FORMAT", choices: TableFormat.allCases.map(\.rawValue), "text (default), markdown, csv, json, html"),
        langOption,
        OptionSpec(["--color"], value: "WHEN", choices: ["auto", "always", "never"], "colour text output: auto = only on a terminal (default)"),
      ],
      examples: [
        "hupsim table --preset seed002 --shell bash-3.2 --format json",
        "hupsim table --preset seed002 --shell bash-2.05",
        "hupsim table --preset seed001 --lang ja",
        "hupsim table --compare shells --state stopped --disown-h --huponexit",
        "hupsim table --rows state,launch --cols exit",
      ],
      exitStatus: "0 success, 64 bad usage."),
    CommandSpec(
      name: "record", summary: "run a scenario for real on this Linux machine and check the model against it",
      usage: ["hupsim record [scenario options] [--shell-path PATH] [--repeat N] [--out FILE] [--strace] [--ssh-server sshd|recorder] [--timeout SECONDS] [--id ID] [--print-id] [--format text|json]"],
      description: "Runs the scenario with a hermetic bash (temporary HOME, no rc files) and a probe program that logs every signal it takes with its sender, ends the session as the scenario says, learns every job's fate as a child subreaper, and compares what happened with the model. The session is held by the real program --session names: ssh and ssh-no-pty by an OpenSSH sshd the recorder starts on 127.0.0.1 for the run (its own host key, client key and configuration; the connection dropped by killing the ssh client), tmux-pane by a tmux server on a private socket reached over that sshd, terminal by xterm on a private Xvfb display (closed with WM_DELETE_WINDOW, as a window manager does), hold by the recorder's own pseudo-terminal kept open until it has looked. Without job control the shell runs the typed lines as a command string. Everything it starts is killed and reaped, also on timeout and on SIGINT or SIGTERM.",
      options: scenarioOptions + [
        OptionSpec(["--shell-path"], value: "PATH", "the bash to run (default /bin/bash); --shell defaults to its version"),
        OptionSpec(["--repeat"], value: "N", "run N times (1-50); repeats that disagree mark the trace unstable"),
        OptionSpec(["--out"], value: "FILE", "write the trace (the fixture format) to FILE"),
        OptionSpec(["--strace"], "also trace the shell's own kill() calls (needs strace)"),
        OptionSpec(["--ssh-server"], value: "WHO", choices: ["sshd", "recorder"], "who holds an ssh session: sshd (default, a real OpenSSH server) or recorder (the recorder's own pty, closed as sshd closes it)"),
        OptionSpec(["--timeout"], value: "SECONDS", "the longest one run may take (default 20)"),
        OptionSpec(["--id"], value: "ID", "the trace's id"),
        OptionSpec(["--print-id"], "print the trace id the scenario gets and record nothing (64 if the scenario cannot happen)"),
        OptionSpec(["--format"], value: "FORMAT", choices: ["text", "json"], "output format (default text)"),
      ],
      examples: [
        "hupsim record --state stopped --exit exit --format json",
        "hupsim record --exit hangup --handles HUP,CONT,TERM --repeat 3 --out trace.json",
        "hupsim record --session ssh-no-pty --writes --exit hangup",
        "hupsim record --no-job-control --exit exit",
      ],
      exitStatus: "0 recorded and the model agrees; 1 the model disagrees; 64 bad usage; 70 the recording failed; 128+N interrupted by signal N."),
    CommandSpec(
      name: "verify", summary: "check the model against recorded traces",
      usage: ["hupsim verify [PATH...] [--verbose]"],
      description: "Runs the model on every trace (default: Fixtures) and prints a conformance table by shell, system, end, state and launch, and each disagreement with the real and the model's answer side by side.",
      options: [OptionSpec(["--verbose", "-v"], "also list the divergences the traces declare, with their reasons")],
      examples: ["hupsim verify Fixtures", "hupsim verify Fixtures/seeds --verbose"],
      exitStatus: "0 every trace agrees or disagrees only as it declares; 1 otherwise; 64 bad usage."),
    CommandSpec(
      name: "rules", summary: "list every rule the model applies, with its real source",
      usage: ["hupsim rules [--format text|json]"],
      description: "Each rule's stable ID, what it does, and the real function or standard behind it on Linux 6.x, Linux 2.6.18, NetBSD 1.6, in bash and in the launchers.",
      options: [OptionSpec(["--format"], value: "FORMAT", choices: ["text", "json"], "output format (default text)")],
      examples: ["hupsim rules", "hupsim rules --format json"],
      exitStatus: "0 success, 64 bad usage."),
    CommandSpec(
      name: "man", summary: "print the hupsim(1) manual page (roff)",
      usage: ["hupsim man"], description: "Writes the manual page the repository keeps as hupsim.1.",
      options: [], examples: ["hupsim man > hupsim.1", "hupsim man | man -l -"], exitStatus: "0 success."),
    CommandSpec(
      name: "completions", summary: "print a completion script for bash, zsh or fish",
      usage: ["hupsim completions bash|zsh|fish"],
      description: "Completes commands, options and their closed sets of values.",
      options: [], examples: ["hupsim completions bash > /etc/bash_completion.d/hupsim", "hupsim completions fish > ~/.config/fish/completions/hupsim.fish"],
      exitStatus: "0 success, 64 bad usage."),
  ]

  static func command(_ name: String) -> CommandSpec? { commands.first(where: { $0.name == name }) }

  // MARK: - Help

  static func optionLine(_ o: OptionSpec) -> (String, String) {
    var left = o.names.joined(separator: ", ")
    if let value = o.value { left += " " + (o.choices.isEmpty || o.choices.count > 16 ? value : o.choices.joined(separator: "|")) }
    return (left, o.help)
  }

  static func help(_ spec: CommandSpec) -> String {
    var out = "hupsim \(spec.name == "simulate" ? "" : spec.name + " ")— \(spec.summary)\n\n"
    out += "USAGE\n" + spec.usage.map { "  " + $0 }.joined(separator: "\n") + "\n\n"
    out += TableRender.wrapText(spec.description, width: 90, indent: "  ") + "\n"
    if !spec.options.isEmpty {
      out += "\nOPTIONS\n"
      for option in spec.options {
        let (left, right) = optionLine(option)
        if left.count <= 34 {
          out += "  " + left + String(repeating: " ", count: 36 - left.count) + right + "\n"
        } else {
          out += "  " + left + "\n" + String(repeating: " ", count: 38) + right + "\n"
        }
      }
    }
    out += "\nEXAMPLES\n" + spec.examples.map { "  " + $0 }.joined(separator: "\n") + "\n"
    out += "\nEXIT STATUS\n  " + spec.exitStatus + "\n"
    return out
  }

  static var mainHelp: String {
    var out = """
      hupsim — which signals your jobs get when the terminal closes, the SSH connection
      drops or you type exit, who sends them, in what order, and whether each job survives.

      USAGE
        hupsim [simulate] [scenario options] [--format text|json|mermaid|svg]
        hupsim <command> [options]        (hupsim help <command> for details)

      COMMANDS

      """
    for spec in commands {
      out += "  " + spec.name + String(repeating: " ", count: max(1, 13 - spec.name.count)) + spec.summary + "\n"
    }
    out += """

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
        --launch plain|nohup|setsid|disown|disown-h|subshell|tmux
                                                how the job was started (default plain);
                                                --nohup, --setsid, --disown, --disown-h, --subshell,
                                                --tmux are shorthands
        --handles SIG[,SIG...]                  signals the job's program catches (e.g. HUP,TERM,CONT)
        --ignores SIG[,SIG...]                  signals the job inherits as ignored
        --exit exit|logout|eof|hangup|kill-hup  how the session ends (default exit);
                                                hangup = terminal closed or SSH dropped,
                                                kill-hup = SIGHUP sent to the shell, terminal open
        --scenario FILE.json                    several jobs and user actions (schema in README.md)

      OUTPUT
        --format text|json|mermaid|svg          default text: timeline, shell output, survival
                                                table, ps listings and the rules applied

      EXAMPLES

      """
    out += command("simulate")!.examples.map { "  " + $0 }.joined(separator: "\n") + "\n"
    out += "  hupsim explain --state stopped --nohup --exit logout --lang ja\n"
    out += "  hupsim advise --state stopped --nohup --exit logout\n"
    out += "  hupsim table --preset seed002 --shell bash-3.2\n"
    out += "\nEXIT STATUS\n  0 success, 64 bad usage (unknown flag or value, impossible combination).\n"
    return out
  }
}
