// The terminal driver: hang-up of the pty, control characters, and reads from the
// terminal (foreground, background, after a hang-up).

extension World {
  /// The last descriptor of the pty master closes (window closed, SSH dropped, or the
  /// terminal owner tidying up after the shell left).
  mutating func closeMaster() {
    guard terminal.masterOpen else { return }
    terminal.masterOpen = false
    let wasHungUp = terminal.hungUp
    terminal.hungUp = true
    wakeBlockedReaders(result: profile.blockedReadGetsEIOOnMasterClose ? .eio : .endOfFile)
    guard !wasHungUp else { return }
    guard let session = terminal.session, let leader = process(session), leader.isLive else {
      note(from: .terminal, .ttyMasterClosedAfterExit,
           "\(terminal.name) hangs up with no session attached: nobody is signalled; its open descriptors now read end of file and write EIO")
      return
    }
    let foreground = terminal.foregroundGroup
    switch profile.family {
    case .linux, .linux26:
      for i in processes.indices where processes[i].sid == session { processes[i].hasControllingTerminal = false }
      self[session].ttyOldPgrp = foreground
      terminal.session = nil
      terminal.foregroundGroup = nil
      send(.hup, to: session, from: .terminal, sender: nil, rule: .ttyHangupLeader,
           "\(terminal.name) hangs up: SIGHUP to the session leader only")
      if profile.hangupContinuesLeader {
        send(.cont, to: session, from: .terminal, sender: nil, rule: .ttyHangupLeader,
             "then SIGCONT to the session leader" + (foreground.map { "; group \($0) is remembered as the foreground group" } ?? ""))
      }
    case .netbsd:
      send(.hup, to: session, from: .terminal, sender: nil, rule: .ttyHangupLeader,
           "carrier lost on \(terminal.name): SIGHUP to the session leader only (no SIGCONT; the session keeps the terminal)")
    }
  }

  /// Readers blocked on the terminal see their read end. A reader stopped by SIGTTIN is
  /// not blocked in the read: it restarts the call when continued and sees the terminal
  /// as it is then.
  mutating func wakeBlockedReaders(result: ReadResult) {
    for i in processes.indices
    where processes[i].activity == .readingTerminal && processes[i].state == .running && processes[i].stdin == .terminal {
      processes[i].pendingReadResult = result
      wake(processes[i].pid)
    }
  }

  /// A process other than the shell that is blocked reading the terminal: typed input
  /// goes to it (the first reader to run takes the line), not to the shell.
  func otherTerminalReader() -> Int? {
    guard !terminal.hungUp, !terminal.revoked else { return nil }
    return processes.first { p in
      p.kind != .shell && p.isLive && p.state == .running && p.activity == .readingTerminal && p.stdin == .terminal
    }?.pid
  }

  /// ^C, ^Z or ^\ typed on the terminal: the signal goes to the foreground group.
  mutating func typeControlKey(_ signal: Signal, key: String) {
    note(from: .user, .userControlKey, "the user presses \(key)")
    guard !terminal.hungUp, let fg = terminal.foregroundGroup else { return }
    send(signal, toGroup: fg, from: .terminal, sender: nil, rule: .ttyInterruptChar,
         "\(key) makes the terminal send \(signal) to the foreground group \(fg)")
  }

  // MARK: - The job's program

  /// What a workload process does after its signals were dealt with.
  mutating func continueProgram(_ pid: Int, interruptedByHandler: Bool) {
    guard let p = process(pid), let program = p.program, program.readsStdin else { return }
    if let result = p.pendingReadResult {
      self[pid].pendingReadResult = nil
      react(pid, to: result, program: program)
      return
    }
    if (p.activity == .readingTerminal || p.activity == .restartingRead) && interruptedByHandler {
      react(pid, to: .eintr, program: program)
      return
    }
    if p.activity == .busy || p.activity == .readingTerminal || p.activity == .restartingRead {
      attemptRead(pid)
    }
  }

  /// read(0) as the terminal driver (or /dev/null) answers it.
  mutating func attemptRead(_ pid: Int) {
    let p = self[pid]
    guard let program = p.program else { return }
    switch p.stdin {
    case .devNullWriteOnly:
      react(pid, to: .ebadf, program: program, why: "stdin is /dev/null opened write-only by nohup")
    case .devNull, .file:
      react(pid, to: .endOfFile, program: program, why: "stdin is not the terminal")
    case .otherTerminal:
      self[pid].activity = .readingTerminal
      note(from: .terminal, .ttyForegroundRead, about: pid, "\(label(of: pid)) waits for input on its own terminal")
    case .terminal:
      if terminal.revoked || terminal.hungUp {
        react(pid, to: .endOfFile, program: program, why: "\(terminal.name) has hung up", rule: .ttyHungUpIO)
        return
      }
      let background = p.hasControllingTerminal && terminal.session == p.sid && terminal.foregroundGroup != p.pgid
      guard background else {
        self[pid].activity = .readingTerminal
        note(from: .terminal, .ttyForegroundRead, about: pid,
             "\(label(of: pid)) waits for input on \(terminal.name)" + (p.hasControllingTerminal ? "" : " (it has no controlling terminal, so no job-control check)"))
        return
      }
      if p.disposition(of: .ttin) == .ignored {
        react(pid, to: .eio, program: program, why: "a background read with SIGTTIN ignored", rule: .ttyBackgroundRead)
        return
      }
      if isOrphaned(group: p.pgid) {
        react(pid, to: .eio, program: program, why: "a background read from an orphaned process group", rule: .ttyBackgroundRead)
        return
      }
      self[pid].activity = .restartingRead
      send(.ttin, toGroup: p.pgid, from: .terminal, sender: nil, rule: .ttyBackgroundRead,
           "\(label(of: pid)) reads \(terminal.name) from the background: SIGTTIN to its group \(p.pgid)")
      if self[pid].disposition(of: .ttin) == .caught {
        self[pid].activity = .spinningOnTTIN
      }
    }
  }

  /// The program's reaction to what read(0) returned.
  private mutating func react(_ pid: Int, to result: ReadResult, program: Program, why: String = "", rule: RuleID = .progReadResult) {
    let reaction: Program.ReadReaction
    switch result {
    case .endOfFile: reaction = program.onEndOfFile
    case .eio, .ebadf: reaction = program.onReadError
    case .eintr: reaction = program.onInterruptedRead
    }
    let because = why.isEmpty ? "" : " (\(why))"
    switch reaction {
    case .retry where result == .eintr:
      note(from: .kernel, rule, about: pid, "\(label(of: pid))'s read returns \(result.rawValue)\(because); it reads again")
      self[pid].activity = .busy
      attemptRead(pid)
    case .retry:
      note(from: .kernel, rule, about: pid, "\(label(of: pid))'s read returns \(result.rawValue)\(because); it keeps reading and keeps getting that")
      self[pid].activity = .doneReading
    case .exit(let status):
      note(from: .kernel, rule, about: pid, "\(label(of: pid))'s read returns \(result.rawValue)\(because); it exits with status \(status)")
      exitProcess(pid, fate: .exited(status: status))
    }
  }
}
