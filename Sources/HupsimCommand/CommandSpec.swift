import HangupModel
import HangupReport

/// What a shell offers when completing an option's value or a command's arguments.
enum Completion: Equatable {
  /// Free text (a number, an id): nothing to offer.
  case none
  /// One of these words.
  case choices([String])
  /// A comma-separated list of these words (`HUP,TERM`, `state,launch`).
  case list([String])
  /// A file name.
  case files
  /// Files or directories.
  case paths
  /// A hupsim command name.
  case commands
}

/// One option of a command, as help, the man page and the completion scripts show it.
struct OptionSpec {
  var names: [String]
  /// The value's placeholder, or nil for a flag.
  var value: String?
  var completion: Completion
  var help: String
  /// Whether the option may be given more than once (`--shell-option`).
  var repeatable: Bool

  /// `choices`: the closed set of values; a placeholder with `[,` makes it a list.
  /// A value without choices completes as a file when its placeholder names one.
  init(_ names: [String], value: String? = nil, choices: [String] = [], repeatable: Bool = false, _ help: String) {
    self.names = names
    self.value = value
    self.help = help
    self.repeatable = repeatable
    if let value {
      if !choices.isEmpty {
        completion = value.contains("[,") ? .list(choices) : .choices(choices)
      } else {
        completion = ["FILE", "FILE.json", "PATH"].contains(value) ? .files : .none
      }
    } else {
      completion = .none
    }
  }

  /// The closed set of values, or none.
  var choices: [String] {
    switch completion {
    case .choices(let words), .list(let words): return words
    default: return []
    }
  }
}

/// One command: the single source for `--help`, `hupsim.1` and the completion scripts.
struct CommandSpec {
  var name: String
  var summary: String
  var usage: [String]
  var description: String
  var options: [OptionSpec]
  /// What the command's arguments (words that are not options) complete to.
  var arguments: Completion = .none
  var examples: [String]
  var exitStatus: String
}

enum CLISpec {
  static let shells = ShellRegistry.families.flatMap { [$0.name] + $0.versions.map(\.id) }
  static let oses = KernelProfile.ID.allCases.map(\.rawValue)
  static let signals = Signal.all.map(\.name)
  /// Every shell's own options, on and off (`hup`, `no_hup`, ...), for completion.
  static let shellOptionNames: [String] = {
    var out: [String] = []
    for family in ShellRegistry.families {
      for option in family.options where !out.contains(option.name) { out += [option.name, "no_" + option.name] }
    }
    return out
  }()

  /// The options every invocation understands, before any command.
  static let generalOptions: [OptionSpec] = [
    OptionSpec(["--help", "-h"], "describe hupsim, or with a command that command"),
    OptionSpec(["--version", "-V"], "print the release and the commit it was built from"),
  ]

  static let scenarioOptions: [OptionSpec] = [
    OptionSpec(
      ["--shell"], value: "SHELL", choices: shells,
      "shell and release to model (default bash-5.2); a bare name is the release Debian 12 ships: bash, zsh, ksh93, mksh, dash, fish, tcsh, busybox-ash"
    ),
    OptionSpec(
      ["--os"], value: "OS", choices: oses,
      "kernel profile: linux (6.x), linux-2.6 (2.6.18), netbsd-1.6 (default linux)"),
    OptionSpec(["--login"], "a login shell (default)"),
    OptionSpec(["--no-login"], "not a login shell"),
    OptionSpec(["--huponexit"], "shopt -s huponexit"),
    OptionSpec(["--checkjobs"], "shopt -s checkjobs (bash 4.0+)"),
    OptionSpec(
      ["--shell-option"], value: "NAME", choices: shellOptionNames, repeatable: true,
      "set the shell's own option (repeatable; no_NAME turns it off): zsh hup, check_jobs, check_running_jobs; mksh nohup; bash huponexit, checkjobs"
    ),
    OptionSpec(["--subreaper"], "an ancestor of the terminal is a child subreaper (systemd --user)"),
    OptionSpec(
      ["--state"], value: "STATE", choices: JobState.allCases.map(\.rawValue),
      "the job's state when the session ends (default running); ttin = a background job stopped by reading the terminal"
    ),
    OptionSpec(["--bg"], "the job was started with & (default)"),
    OptionSpec(["--fg"], "the job runs in the foreground (only when running)"),
    OptionSpec(
      ["--launch"], value: "LAUNCH", choices: Launch.allCases.map(\.rawValue), "how the job was started (default plain)"
    ),
    OptionSpec(["--nohup"], "same as --launch nohup"),
    OptionSpec(["--setsid"], "same as --launch setsid"),
    OptionSpec(["--disown"], "same as --launch disown"),
    OptionSpec(["--disown-h"], "same as --launch disown-h"),
    OptionSpec(["--subshell"], "same as --launch subshell"),
    OptionSpec(["--tmux"], "same as --launch tmux"),
    OptionSpec(
      ["--handles"], value: "SIG[,SIG...]", choices: signals, "signals the job's program catches, e.g. HUP,CONT,TERM"),
    OptionSpec(["--ignores"], value: "SIG[,SIG...]", choices: signals, "signals the job inherits as ignored"),
    OptionSpec(
      ["--exit"], value: "END", choices: SessionEnd.allCases.map(\.rawValue),
      "how the session ends (default exit); hangup = terminal closed or SSH dropped; kill-hup = SIGHUP sent to the shell"
    ),
    OptionSpec(
      ["--session"], value: "SESSION", choices: SessionKind.allCases.map(\.rawValue),
      "who holds the terminal (default ssh): terminal = a terminal window (closing it is the hang-up), hold = the terminal stays open after the shell, ssh-no-pty = ssh host 'cmd' (pipes, no job control), tmux-pane = a tmux pane reached over ssh"
    ),
    OptionSpec(
      ["--no-job-control"],
      "the shell runs a command string without job control (sh -c, ssh -t host 'cmd &', a script, set +m)"),
    OptionSpec(
      ["--exits-on"], value: "SIG[,SIG...]", choices: signals,
      "the job's program shuts down when it catches these (Go's signal.Notify, node's process.on)"),
    OptionSpec(
      ["--resets-signals"],
      "the job's program resets every signal to its default at start (node, libuv's children): nohup's ignore is lost"),
    OptionSpec(
      ["--writes"],
      "the job's program writes to its stdout now and then (EIO on a hung-up terminal, SIGPIPE on a closed pipe)"),
    OptionSpec(["--reads"], "the job's program reads its stdin"),
    OptionSpec(
      ["--on-read-error"], value: "WHAT", choices: ["exit", "retry"],
      "after end of file or a read error the program exits (default) or retries, spinning"),
    OptionSpec(
      ["--stdout"], value: "TARGET", choices: OutputTarget.allCases.map(\.rawValue),
      "where the job's stdout and stderr go (default the session's terminal, or sshd's pipe)"),
    OptionSpec(
      ["--daemonizes"], value: "FORM", choices: DaemonForm.allCases.map(\.rawValue),
      "the job's program detaches itself: daemon (daemon(3)), daemon-keep-stdio, double-fork, setsid (in place), setpgid"
    ),
    OptionSpec(
      ["--logind"], value: "POLICY", choices: LogindPolicy.allCases.map(\.rawValue),
      "systemd-logind's KillUserProcesses= (default keep, Debian's); kill-user-processes stops the session's scope at logout"
    ),
    OptionSpec(["--linger"], "loginctl enable-linger: the user manager and its units outlive the sessions"),
    OptionSpec(
      ["--sshd"], value: "MODE", choices: SSHDMode.allCases.map(\.rawValue),
      "how sshd runs (default daemon); socket-activated = one ssh@.service per connection, stopped when it ends"),
    OptionSpec(
      ["--ci"], value: "RUNNER", choices: CIRunner.allCases.map(\.rawValue),
      "the session is a CI job step (jenkins, github-actions): its process-tree killer runs when the step ends"),
    OptionSpec(
      ["--ci-escape"], "the job is started with the CI marker changed (BUILD_ID=dontKillMe, RUNNER_TRACKING_ID=)"),
    OptionSpec(["--scenario"], value: "FILE", "several jobs and user actions from a JSON file (schema in README.md)"),
  ]

  static let langOption = OptionSpec(
    ["--lang"], value: "LANG", choices: Language.allCases.map(\.rawValue),
    "language of the words in every format (JSON keys stay English): en, ja, zh (default en)")

  static let commands: [CommandSpec] = [
    CommandSpec(
      name: "simulate", summary: "simulate a scenario (the default command)",
      usage: ["hupsim [simulate] [scenario options] [--format text|json|mermaid|svg]"],
      description:
        "Prints the ordered signal timeline of a scenario with the rule and real source function behind every step, the shell's output, a survival table, ps listings before and after, and the rules applied. It is in English; hupsim explain tells the same in Japanese or Chinese, pictures included.",
      options: scenarioOptions + [
        OptionSpec(
          ["--format"], value: "FORMAT", choices: ["text", "json", "mermaid", "svg"],
          "text (default), json, a Mermaid sequence diagram, or a self-contained SVG")
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
      name: "check",
      summary: "will my running jobs survive? check live processes against every way the session can end",
      usage: [
        "hupsim check [PID|%N...] [--format text|json] [--huponexit] [--shell-option NAME] [--in-table|--disowned|--disown-h] [--jobs FILE] [--stopped-by tstp|ttin] [--shell SHELL] [--session HOST] [--writes yes|no] [--handler exits|continues]"
      ],
      description:
        "Reads each process from /proc (its session, process group, terminal and foreground group, state, signal dispositions, where stdin, stdout and stderr go, its parents and children, its cgroup) and the system around it (the session's shell and its version, who holds the terminal, tmux or screen above it, logind's KillUserProcesses and linger, a per-connection sshd, CI markers, WSL 1), builds the scenario that describes it, and simulates every end: exit, logout, eof, hangup (the window closed or the connection dropped) and kill-hup. For each it says whether the process survives or dies, by which signal from whom, and the rule. What cannot be seen from outside (bash's huponexit, whether the job was disowned, whether the program writes later or its handler exits) is listed as an assumption, with the verdict both ways when it matters; the flags below settle it. Then the remedies that work on a process already running, smallest first, each checked by simulation. Without a PID it checks every process of its own session besides the shell (run it in the shell whose jobs you ask about). A shell's pid stands for every process of its session. Linux only.",
      options: [
        OptionSpec(
          ["--format"], value: "FORMAT", choices: ["text", "json"],
          "text (default) or json: one object for one pid, else an array"),
        OptionSpec(["--huponexit"], "the bash running the job has shopt huponexit on"),
        OptionSpec(
          ["--shell-option"], value: "NAME", choices: shellOptionNames, repeatable: true,
          "the shell's option is on (NAME) or off (no_NAME); repeatable: huponexit, checkjobs, hup, check_jobs, nohup…"),
        OptionSpec(["--in-table"], "the job is still in the shell's job table (not disowned)"),
        OptionSpec(["--disowned"], "the job was disowned (or started with zsh's &!)"),
        OptionSpec(["--disown-h"], "the job was marked with disown -h"),
        OptionSpec(
          ["--jobs"], value: "FILE",
          "the shell's `jobs -l` output (- for stdin; in dash: jobs -l > FILE first): settles which jobs are in the table and resolves %N"
        ),
        OptionSpec(
          ["--stopped-by"], value: "SIGNAL", choices: ["tstp", "ttin"],
          "a stopped job that reads the terminal was stopped by ^Z (tstp) or by a background read (ttin)"),
        OptionSpec(
          ["--shell"], value: "SHELL", choices: shells,
          "model this shell release instead of the one read from the session"),
        OptionSpec(
          ["--session"], value: "HOST", choices: ["ssh", "terminal", "hold", "tmux-pane"],
          "who holds the terminal, when hupsim cannot tell from the shell's parent"),
        OptionSpec(
          ["--writes"], value: "WHEN", choices: ["yes", "no"],
          "the program writes to its stdout later (a write that fails ends it)"),
        OptionSpec(
          ["--handler"], value: "WHAT", choices: ["exits", "continues"],
          "its SIGHUP/SIGTERM handler shuts it down, or lets it run on"),
      ],
      examples: [
        "hupsim check 4242",
        "hupsim check 4242 --format json",
        "hupsim check",
        "jobs -l | hupsim check --jobs - %1",
        "hupsim check 4242 --huponexit --disown-h",
      ],
      exitStatus:
        "0 checked (whatever the verdicts); 1 the process exited while it was read; 64 bad usage or a pid that is no process, a kernel thread or another user's; 70 /proc cannot be read (not Linux)."
    ),
    CommandSpec(
      name: "explain", summary: "tell the scenario as a numbered story, with the verdict and the reasons",
      usage: ["hupsim explain [scenario options] [--lang en|ja|zh] [--format text|markdown|json|mermaid|svg]"],
      description:
        "A numbered narrative: who sends what to whom and why, each step naming its rule and the real function or standard behind it, what the receiver does with it, the verdict, why, and what the user would see (the shell's messages, ps before and after).",
      options: scenarioOptions + [
        langOption,
        OptionSpec(
          ["--format"], value: "FORMAT", choices: ["text", "markdown", "json", "mermaid", "svg"],
          "output format (default text)"),
      ],
      examples: [
        "hupsim explain --state stopped --nohup --exit logout",
        "hupsim explain --exit hangup --lang ja",
        "hupsim explain --state stopped --disown --lang zh",
      ],
      exitStatus: "0 success, 64 bad usage."),
    CommandSpec(
      name: "advise", summary: "the smallest changes that make each dying job survive, each checked by simulation",
      usage: ["hupsim advise [scenario options] [--lang en|ja|zh] [--format text|markdown|json]"],
      description:
        "Tries remedies (bg before leaving, & instead of ^Z, disown -h, disown, nohup, setsid, a subshell, tmux, exit instead of closing the terminal, huponexit off) on the scenario, keeps the ones the simulator shows save every dying job, ranks them by how small the change is, and says what each still leaves exposed (stdin reads, terminal writes).",
      options: scenarioOptions + [
        langOption,
        OptionSpec(
          ["--format"], value: "FORMAT", choices: ["text", "markdown", "json"], "output format (default text)"),
      ],
      examples: [
        "hupsim advise --state stopped --nohup --exit logout",
        "hupsim advise --exit hangup --lang ja",
      ],
      exitStatus: "0 success, 64 bad usage."),
    CommandSpec(
      name: "table", summary: "teaching tables computed by the simulator",
      usage: [
        "hupsim table --preset seed002|seed001|seed003|seed004|shells [--shell ...] [--os ...] [output options]",
        "hupsim table --compare shells|kernels [scenario options] [output options]",
        "hupsim table --rows DIM[,DIM] --cols DIM[,DIM] [scenario options] [output options]",
      ],
      description:
        "Regenerates the seed articles' tables from the simulator (seed002: signals bash sends by how it ends; seed001: the six-row table with row C corrected; seed003: disown vs nohup vs setsid; seed004: Ctrl+C vs kill -INT; shells: what every modelled shell does), compares a scenario across shell releases or kernels, or crosses any scenario dimensions (shell, os, login, huponexit, state, placement, launch, exit). CSV is one rectangle: its first column names the table.",
      options: scenarioOptions + [
        OptionSpec(
          ["--preset"], value: "PRESET", choices: TablePreset.allCases.map(\.rawValue), "a seed article's table"),
        OptionSpec(
          ["--compare"], value: "WHAT", choices: ["shells", "kernels"],
          "the scenario across shell releases or kernel profiles"),
        OptionSpec(
          ["--rows"], value: "DIM[,DIM]", choices: Dimension.allCases.map(\.rawValue), "dimensions on the rows"),
        OptionSpec(
          ["--cols"], value: "DIM[,DIM]", choices: Dimension.allCases.map(\.rawValue), "dimensions on the columns"),
        OptionSpec(
          ["--format"], value: "FORMAT", choices: TableFormat.allCases.map(\.rawValue),
          "text (default), markdown, csv, json, html"),
        langOption,
        OptionSpec(
          ["--color"], value: "WHEN", choices: ["auto", "always", "never"],
          "colour text output: auto = only on a terminal (default)"),
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
      usage: [
        "hupsim record [scenario options] [--shell-path PATH] [--repeat N] [--out FILE] [--strace] [--ssh-server sshd|recorder] [--timeout SECONDS] [--id ID] [--print-id] [--format text|json]"
      ],
      description:
        "Runs the scenario with a hermetic shell (temporary HOME, no rc files) and a probe program (hupsim-probe, next to the hupsim binary) that logs every signal it takes with its sender, ends the session as the scenario says, learns every job's fate as a child subreaper, and compares what happened with the model. The session is held by the real program --session names: ssh and ssh-no-pty by an OpenSSH sshd the recorder starts on 127.0.0.1 for the run (its own host key, client key and configuration; the connection dropped by killing the ssh client), tmux-pane by a tmux server on a private socket reached over that sshd, terminal by xterm on a private Xvfb display (closed with WM_DELETE_WINDOW, as a window manager does), hold by the recorder's own pseudo-terminal kept open until it has looked. Without job control the shell runs the typed lines as a command string. With --daemonizes the probe detaches itself with the real calls (daemon(3), daemon(0,1), the double fork, setsid() or setpgid(0,0) in place) and the recorder follows the process that goes on by its pid to its fate. Everything it starts is killed and reaped, also on timeout and on SIGINT or SIGTERM; a detached process is ended through its pidfd and reaped by pid.",
      options: scenarioOptions + [
        OptionSpec(
          ["--shell-path"], value: "PATH",
          "the shell binary to run (default: the shell's usual path, /bin/bash for bash); --shell defaults to its version"
        ),
        OptionSpec(["--repeat"], value: "N", "run N times (1-50); repeats that disagree mark the trace unstable"),
        OptionSpec(["--out"], value: "FILE", "write the trace (the fixture format) to FILE"),
        OptionSpec(["--strace"], "also trace the shell's own kill() calls (needs strace)"),
        OptionSpec(
          ["--ssh-server"], value: "WHO", choices: ["sshd", "recorder"],
          "who holds an ssh session: sshd (default, a real OpenSSH server) or recorder (the recorder's own pty, closed as sshd closes it)"
        ),
        OptionSpec(["--timeout"], value: "SECONDS", "the longest one run may take (default 20)"),
        OptionSpec(["--id"], value: "ID", "the trace's id"),
        OptionSpec(
          ["--print-id"], "print the trace id the scenario gets and record nothing (64 if the scenario cannot happen)"),
        OptionSpec(["--format"], value: "FORMAT", choices: ["text", "json"], "output format (default text)"),
      ],
      examples: [
        "hupsim record --state stopped --exit exit --format json",
        "hupsim record --exit hangup --handles HUP,CONT,TERM --repeat 3 --out trace.json",
        "hupsim record --session ssh-no-pty --writes --exit hangup",
        "hupsim record --no-job-control --exit exit",
        "hupsim record --daemonizes double-fork --exit hangup --handles HUP,CONT,TERM",
      ],
      exitStatus:
        "0 recorded and the model agrees; 1 the model disagrees; 64 bad usage; 70 the recording failed; 73 the trace could not be written to --out; 128+N interrupted by signal N."
    ),
    CommandSpec(
      name: "verify", summary: "check the model against recorded traces",
      usage: ["hupsim verify [PATH...] [--verbose]"],
      description:
        "Runs the model on every trace (each PATH is a trace file or a directory searched for .json files, following links but visiting each directory once; default: Fixtures) and prints a conformance table by shell, system, end, state and launch, and each disagreement with the real and the model's answer side by side.",
      options: [OptionSpec(["--verbose", "-v"], "also list the divergences the traces declare, with their reasons")],
      arguments: .paths,
      examples: ["hupsim verify Fixtures", "hupsim verify Fixtures/seeds --verbose"],
      exitStatus:
        "0 every trace agrees or disagrees only as it declares; 1 otherwise; 64 bad usage (a path that cannot be read, a malformed trace)."
    ),
    CommandSpec(
      name: "rules", summary: "list every rule the model applies, with its real source",
      usage: ["hupsim rules [--format text|json]"],
      description:
        "Each rule's stable ID, what it does, and the real function or standard behind it on Linux 6.x, Linux 2.6.18, NetBSD 1.6, in each shell and in the launchers.",
      options: [OptionSpec(["--format"], value: "FORMAT", choices: ["text", "json"], "output format (default text)")],
      examples: ["hupsim rules", "hupsim rules --format json"],
      exitStatus: "0 success, 64 bad usage."),
    CommandSpec(
      name: "man", summary: "print the hupsim(1) manual page (roff)",
      usage: ["hupsim man"],
      description: "Writes the manual page the repository keeps as hupsim.1 (scripts/install.sh installs it).",
      options: [], examples: ["hupsim man > hupsim.1", "hupsim man | man -l -"], exitStatus: "0 success, 64 bad usage."),
    CommandSpec(
      name: "completions", summary: "print a completion script for bash, zsh or fish",
      usage: ["hupsim completions bash|zsh|fish"],
      description:
        "Completes commands, each command's own options and their values (formats, languages, shells, signals, table dimensions, shell options, file and directory paths). scripts/install.sh installs all three where the shells look. By hand: bash, save it as ~/.local/share/bash-completion/completions/hupsim (loaded on first use with the bash-completion package) or add 'source <(hupsim completions bash)' to ~/.bashrc; zsh, save it as _hupsim in a directory of $fpath, e.g. ~/.zfunc with 'fpath=(~/.zfunc $fpath)' before compinit in ~/.zshrc, or add 'source <(hupsim completions zsh)' after compinit; fish, save it as ~/.config/fish/completions/hupsim.fish.",
      options: [], arguments: .choices(["bash", "zsh", "fish"]),
      examples: [
        "hupsim completions bash > ~/.local/share/bash-completion/completions/hupsim",
        "hupsim completions zsh > ~/.zfunc/_hupsim",
        "hupsim completions fish > ~/.config/fish/completions/hupsim.fish",
      ],
      exitStatus: "0 success, 64 bad usage."),
    CommandSpec(
      name: "help", summary: "describe hupsim or one of its commands",
      usage: ["hupsim help [COMMAND]"],
      description:
        "Without a command, the overview that hupsim --help prints; with one, the same as hupsim COMMAND --help.",
      options: [], arguments: .commands,
      examples: ["hupsim help table", "hupsim help help"],
      exitStatus: "0 success, 64 bad usage (an unknown command)."),
  ]

  static func command(_ name: String) -> CommandSpec? { commands.first(where: { $0.name == name }) }

  static var commandNames: String { commands.map(\.name).joined(separator: ", ") }

  /// Every exit status, for the overview and the man page (``ExitStatus`` decides them).
  static let exitStatuses: [(String, String)] = [
    (String(ExitStatus.success), "success; verify and record: the model agrees"),
    (
      String(ExitStatus.disagrees),
      "verify and record: the model disagrees with a trace in a way the trace does not declare; check: the process exited while it was read"
    ),
    (
      String(ExitStatus.usage),
      "bad usage: an unknown option or value, a malformed scenario or trace file, an impossible combination, an input over a limit"
    ),
    (String(ExitStatus.recordingFailed), "record: the recording failed; check: /proc cannot be read (not Linux)"),
    (String(ExitStatus.cannotWriteOutput), "record: the trace could not be written to --out"),
    (String(ExitStatus.outputFailed), "the output could not be written"),
    ("\(ExitStatus.interrupted(by: 0))+N", "record was interrupted by signal N"),
  ]

  /// `left` padded to `column`, then `text` wrapped to `width` with its lines under each other.
  static func hanging(_ left: String, column: Int, text: String, width: Int = 90) -> String {
    let wrapped = TableRender.wrapText(text, width: width - column, indent: String(repeating: " ", count: column))
    guard left.count + 2 <= column else { return left + "\n" + wrapped + "\n" }
    return left + String(repeating: " ", count: column - left.count) + wrapped.dropFirst(column) + "\n"
  }

  // MARK: - Help

  /// The option as help shows it: its names and its value, the choices when they are few.
  static func optionLine(_ o: OptionSpec) -> (String, String) {
    var left = o.names.joined(separator: ", ")
    var help = o.help
    if let value = o.value {
      let spelled = !o.choices.isEmpty && o.choices.count <= 8 && !value.contains("[,")
      left += " " + (spelled ? o.choices.joined(separator: "|") : value)
      if !spelled, !o.repeatable, (9...16).contains(o.choices.count) {
        help += "; \(value): " + o.choices.joined(separator: ", ")
      }
    }
    return (left, help)
  }

  /// Options in two columns; a long left side gets a line of its own. At most 90 columns.
  static func optionBlock(_ options: [OptionSpec]) -> String {
    options.map { option in
      let (left, right) = optionLine(option)
      return hanging("  " + left, column: 40, text: right)
    }.joined()
  }

  static func help(_ spec: CommandSpec) -> String {
    var out = "hupsim \(spec.name == "simulate" ? "" : spec.name + " ")— \(spec.summary)\n\n"
    out += "USAGE\n" + spec.usage.map { "  " + $0 }.joined(separator: "\n") + "\n\n"
    out += TableRender.wrapText(spec.description, width: 88, indent: "  ") + "\n"
    if !spec.options.isEmpty {
      out += "\nOPTIONS\n" + optionBlock(spec.options)
    }
    out += "\nEXAMPLES\n" + spec.examples.map { "  " + $0 }.joined(separator: "\n") + "\n"
    out += "\nEXIT STATUS\n" + TableRender.wrapText(spec.exitStatus, width: 88, indent: "  ") + "\n"
    return out
  }

  static var mainHelp: String {
    var out = """
      hupsim — which signals your jobs get when the terminal closes, the SSH connection
      drops or you type exit, who sends them, in what order, and whether each job survives.

      USAGE
        hupsim [simulate] [scenario options] [--format text|json|mermaid|svg]
        hupsim <command> [options]        (hupsim help <command> for details)
        hupsim --help | --version

      COMMANDS

      """
    for spec in commands { out += hanging("  " + spec.name, column: 15, text: spec.summary) }
    out += "\nSCENARIO OPTIONS\n" + optionBlock(scenarioOptions)
    out +=
      "\nOUTPUT (simulate)\n"
      + optionBlock(command("simulate")!.options.filter { !scenarioOptions.map(\.names).contains($0.names) })
    out += "\nGENERAL OPTIONS\n" + optionBlock(generalOptions)
    out += "\nEXAMPLES\n"
    out += command("simulate")!.examples.map { "  " + $0 }.joined(separator: "\n") + "\n"
    out += "  hupsim check 4242                     # will pid 4242 survive? read live from /proc\n"
    out += "  hupsim explain --state stopped --nohup --exit logout --lang ja\n"
    out += "  hupsim advise --state stopped --nohup --exit logout\n"
    out += "  hupsim table --preset seed002 --shell bash-3.2\n"
    out += "\nEXIT STATUS\n"
    for (status, meaning) in exitStatuses { out += hanging("  " + status, column: 10, text: meaning) }
    return out
  }
}
