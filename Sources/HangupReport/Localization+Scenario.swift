import HangupModel

extension Catalog {
  static let scenarioEntries: [String: (ja: String, zh: String)] = [
    "{shell} (modelled on {release}) on {os}": ("{shell}({release} に基づくモデル)/ {os}", "{shell}(基于 {release} 的模型)/ {os}"),
    "interactive login shell": ("対話型ログインシェル", "交互式登录 shell"),
    "interactive non-login shell": ("対話型の非ログインシェル", "交互式非登录 shell"),
    "huponexit on": ("huponexit ON", "huponexit 开启"),
    "a command string without job control": ("ジョブ制御のないコマンド文字列", "没有作业控制的命令字符串"),
    "in a terminal window (xterm)": ("端末ウィンドウ(xterm)内", "在终端窗口(xterm)中"),
    "on a terminal that stays open after the shell exits": ("シェル終了後も開いたままの端末上", "在 shell 退出后仍保持打开的终端上"),
    "over ssh without a pty (pipes to sshd)": ("擬似端末なしの ssh 経由(sshd へのパイプ)", "通过没有伪终端的 ssh(连到 sshd 的管道)"),
    "in a tmux pane reached over ssh": ("ssh 経由の tmux ペイン内", "在通过 ssh 访问的 tmux 窗格中"),
    "huponexit off": ("huponexit OFF", "huponexit 关闭"),
    "checkjobs on": ("checkjobs ON", "checkjobs 开启"),
    "a child subreaper above the terminal": ("端末の上位に child subreaper あり", "终端之上有 child subreaper"),
    "running in the foreground": ("フォアグラウンドで実行中", "在前台运行"),
    "running in the background": ("バックグラウンドで実行中", "在后台运行"),
    "stopped with ^Z": ("^Z で停止", "用 ^Z 停止"),
    "stopped by SIGTTIN after reading the terminal in the background": (
      "バックグラウンドで端末を read して SIGTTIN で停止", "在后台读取终端后被 SIGTTIN 停止"
    ),
    "disowned": ("disown 済み", "已 disown"),
    "marked with disown -h": ("disown -h で印付け", "已用 disown -h 标记"),
    "catches {signals}": ("{signals} を捕捉", "捕获 {signals}"),
    "inherits {signals} ignored": ("{signals} を無視した状態で起動", "继承对 {signals} 的忽略"),
    "default dispositions": ("シグナルはデフォルト動作", "信号均为默认处置"),
    "job {n}: `{command}` — {description}": (
      "ジョブ {n}: `{command}` — {description}", "作业 {n}:`{command}` — {description}"
    ),
    "then: {actions}": ("その後: {actions}", "随后:{actions}"),
    "end: {end}": ("終わり方: {end}", "结束方式:{end}"),
    "afterwards: {actions}": ("終了後: {actions}", "结束后:{actions}"),
    "you type `exit` (again after a warning)": ("`exit` と入力する(警告が出たらもう一度)", "输入 `exit`(出现警告后再输入一次)"),
    "you type `logout` (again after a warning)": ("`logout` と入力する(警告が出たらもう一度)", "输入 `logout`(出现警告后再输入一次)"),
    "you press ^D (again after a warning)": ("^D を押す(警告が出たらもう一度)", "按 ^D(出现警告后再按一次)"),
    "the terminal closes or the SSH connection drops (hang-up)": (
      "端末が閉じられる、または SSH 接続が切れる(ハングアップ)", "终端关闭或 SSH 连接断开(挂断)"
    ),
    "SIGHUP is sent to the shell while the terminal stays open": (
      "端末を開いたままシェルに SIGHUP が送られる", "终端保持打开时有人向 shell 发送 SIGHUP"
    ),
    "close the terminal": ("端末を閉じる", "关闭终端"),
  ]
}

extension Language {
  /// The scenario in this language, one line per item.
  public func summary(_ s: Scenario) -> [String] {
    var lines = [
      format(
        "{shell} (modelled on {release}) on {os}",
        ["shell": s.shell.id, "release": s.shell.modelledRelease, "os": s.os.displayName]),
      (shellWords(s) + optionWords(s)
        + (s.subreaper ? [t("a child subreaper above the terminal")] : []))
        .joined(separator: self == .en ? ", " : "、"),
    ]
    for (i, job) in s.jobs.enumerated() {
      lines.append(
        format(
          "job {n}: `{command}` — {description}",
          ["n": String(i + 1), "command": job.commandLine, "description": describe(job)]))
    }
    if !s.actions.isEmpty {
      lines.append(format("then: {actions}", ["actions": s.actions.map(TextReport.describe).joined(separator: ", ")]))
    }
    lines.append(format("end: {end}", ["end": describe(s.end)]))
    if !s.after.isEmpty {
      lines.append(
        format("afterwards: {actions}", ["actions": s.after.map(TextReport.describe).joined(separator: ", ")]))
    }
    return lines
  }

  /// How the shell runs and who holds its terminal.
  func shellWords(_ s: Scenario) -> [String] {
    var out = [
      s.effectiveJobControl
        ? t(s.login ? "interactive login shell" : "interactive non-login shell")
        : t("a command string without job control")
    ]
    switch s.session {
    case .ssh: break
    case .terminal: out.append(t("in a terminal window (xterm)"))
    case .hold: out.append(t("on a terminal that stays open after the shell exits"))
    case .sshNoPty: out.append(t("over ssh without a pty (pipes to sshd)"))
    case .tmuxPane: out.append(t("in a tmux pane reached over ssh"))
    }
    return out
  }

  /// The shell's options as the summary shows them: bash's huponexit always, checkjobs
  /// when on; another shell's options when they differ from its defaults.
  func optionWords(_ s: Scenario) -> [String] {
    let family = s.shell.shellFamily
    if family.name == "bash" {
      return [t(s.huponexit ? "huponexit on" : "huponexit off")] + (s.checkjobs ? [t("checkjobs on")] : [])
    }
    return family.options.compactMap { spec in
      let value = family.option(spec.name, in: s)
      return value == spec.defaultValue ? nil : (value ? spec.name : "no_" + spec.name)
    }
  }

  func describe(_ job: JobSpec) -> String {
    var parts: [String] = []
    switch job.state {
    case .running:
      parts.append(t(job.placement == .foreground ? "running in the foreground" : "running in the background"))
    case .stopped: parts.append(t("stopped with ^Z"))
    case .ttin: parts.append(t("stopped by SIGTTIN after reading the terminal in the background"))
    }
    if job.launch == .disown { parts.append(t("disowned")) }
    if job.launch == .disownH { parts.append(t("marked with disown -h")) }
    if !job.program.handles.isEmpty {
      parts.append(
        format("catches {signals}", ["signals": job.program.handles.map(\.description).joined(separator: ", ")]))
    }
    if !job.inheritedIgnores.isEmpty {
      parts.append(
        format(
          "inherits {signals} ignored", ["signals": job.inheritedIgnores.map(\.description).joined(separator: ", ")]))
    }
    if job.program.handles.isEmpty && job.inheritedIgnores.isEmpty && job.launch != .nohup {
      parts.append(t("default dispositions"))
    }
    return parts.joined(separator: self == .en ? ", " : "、")
  }

  func describe(_ end: SessionEnd) -> String {
    switch end {
    case .exit: return t("you type `exit` (again after a warning)")
    case .logout: return t("you type `logout` (again after a warning)")
    case .eof: return t("you press ^D (again after a warning)")
    case .hangup: return t("the terminal closes or the SSH connection drops (hang-up)")
    case .killHup: return t("SIGHUP is sent to the shell while the terminal stays open")
    }
  }

  /// What the user does at the end, as a short command-like step.
  func endStep(_ end: SessionEnd) -> String {
    switch end {
    case .exit: return "exit"
    case .logout: return "logout"
    case .eof: return "^D"
    case .hangup: return t("close the terminal")
    case .killHup: return "kill -HUP <bash>"
    }
  }
}
