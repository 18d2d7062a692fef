import HangupModel

/// The languages tables, explanations and advice can be written in.
public enum Language: String, Sendable, CaseIterable {
  case en, ja, zh
}

/// Translations keyed by their English text (the English text is the fallback).
/// Placeholders are written `{name}` and filled by ``Language/format(_:_:)``.
///
/// The Japanese follows the seed articles' own vocabulary (フォアグラウンド, 孤児プロセスグループ,
/// 制御端末); the Chinese follows seed 003's (前台, 后台, 孤儿进程组, 会话首进程).
enum Catalog {
  static let entries: [String: (ja: String, zh: String)] = [
    // Actors and parts of the system.
    "kernel": ("カーネル", "内核"),
    "terminal": ("端末ドライバ", "终端驱动"),
    "shell": ("bash", "bash"),
    "user": ("ユーザー", "用户"),
    "systemd": ("systemd", "systemd"),
    "ci": ("CI ランナー", "CI 运行器"),
    "wsl": ("WSL", "WSL"),
    "init": ("init", "init"),
    "subreaper": ("サブリーパー", "subreaper"),
    "job {n}": ("ジョブ {n}", "作业 {n}"),
    "job {n} process {i}": ("ジョブ {n} のプロセス {i}", "作业 {n} 的进程 {i}"),

    // Outcomes.
    "survives": ("生存", "存活"),
    "killed by {signal}": ("{signal} で終了", "被 {signal} 终止"),
    "exits with status {status}": ("終了コード {status} で終了", "以状态 {status} 退出"),
    "n/a": ("該当なし", "不适用"),
    "yes": ("はい", "是"),
    "no": ("いいえ", "否"),
    "none": ("なし", "无"),

    // Effects.
    "queued": ("保留(実行時に処理)", "排队(运行时处理)"),
    "pending (process is stopped)": ("停止中のため保留", "因进程已停止而挂起"),
    "continued it": ("再開させる", "使其继续运行"),
    "killed it": ("終了させる", "使其终止"),
    "stopped it": ("停止させる", "使其停止"),
    "handler ran": ("ハンドラが実行される", "信号处理函数运行"),
    "discarded (ignored)": ("無視されて破棄", "被忽略并丢弃"),
    "discarded (default action: ignore)": ("デフォルト動作が無視のため破棄", "默认动作为忽略,被丢弃"),
    "merged with the pending one": ("保留中の同じシグナルに併合", "与已挂起的同一信号合并"),
    "no effect (already exiting)": ("既に終了中で効果なし", "进程已在退出,无效果"),
    "no such process": ("プロセスが存在しない (ESRCH)", "进程不存在 (ESRCH)"),
    "discarded (orphaned group)": ("孤児プロセスグループのため破棄", "因孤儿进程组而丢弃"),

    // Hazards.
    "stdin: reads fail with EBADF (nohup reopened it on /dev/null write-only)":
      (
        "標準入力: read() は EBADF で失敗する(nohup が /dev/null を書き込み専用で開き直した)",
        "标准输入:read() 以 EBADF 失败(nohup 以只写方式重新打开了 /dev/null)"
      ),
    "stdin: the terminal hung up, reads return end of file":
      ("標準入力: 端末がハングアップしたため read() は EOF を返す", "标准输入:终端已挂断,read() 返回 EOF"),
    "stdin: the terminal was revoked, reads return end of file":
      ("標準入力: 端末が revoke されたため read() は EOF を返す", "标准输入:终端已被 revoke,read() 返回 EOF"),
    "stdin: /dev/null, reads return end of file": (
      "標準入力: /dev/null のため read() は EOF を返す", "标准输入:/dev/null,read() 返回 EOF"
    ),
    "terminal writes fail with EIO": ("端末への write() は EIO で失敗する", "向终端 write() 以 EIO 失败"),
    "stdin: reads of the terminal fail with EIO (orphaned background group)":
      ("標準入力: 端末の read() は EIO で失敗する(孤児プロセスグループのバックグラウンド)", "标准输入:读取终端以 EIO 失败(后台的孤儿进程组)"),
    "stdin: reading the terminal would stop it with SIGTTIN (background job)":
      ("標準入力: 端末を read() すると SIGTTIN で停止する(バックグラウンドジョブ)", "标准输入:读取终端会被 SIGTTIN 停止(后台作业)"),

    // Table titles and headings.
    "Signals bash sends at exit or logout — huponexit on":
      (
        "\"exit\" / \"logout\" による終了時に bash が送るシグナル — huponexit ON",
        "以 exit / logout 退出时 bash 发送的信号 — huponexit 开启"
      ),
    "Signals bash sends at exit or logout — huponexit off":
      (
        "\"exit\" / \"logout\" による終了時に bash が送るシグナル — huponexit OFF",
        "以 exit / logout 退出时 bash 发送的信号 — huponexit 关闭"
      ),
    "Signals bash sends when it receives SIGHUP (terminal closed)":
      (
        "SIGHUP 受信による終了時に bash が送るシグナル(端末が閉じられたとき)",
        "收到 SIGHUP(终端关闭)时 bash 发送的信号"
      ),
    "job": ("ジョブ", "作业"),
    "RUNNING + J_NOHUP": ("RUNNING状態 + J_NOHUP有", "运行中 + 有 J_NOHUP"),
    "RUNNING, no J_NOHUP": ("RUNNING状態 + J_NOHUP無", "运行中 + 无 J_NOHUP"),
    "STOPPED + J_NOHUP": ("STOP状態 + J_NOHUP有", "已停止 + 有 J_NOHUP"),
    "STOPPED, no J_NOHUP": ("STOP状態 + J_NOHUP無", "已停止 + 无 J_NOHUP"),
    "o = bash sends the signal to the job's process group (once or more, as in the article); - = never. J_NOHUP is the flag `disown -h` sets. Computed by simulating {shell} on {os}.":
      (
        "o = bash がジョブのプロセスグループにシグナルを送る(記事と同じく複数回でも一つの o)、- = 送らない。J_NOHUP は `disown -h` が付ける印。{shell} / {os} のシミュレーションで算出。",
        "o = bash 向作业的进程组发送该信号(与原文相同,多次也只记一个 o);- = 不发送。J_NOHUP 是 `disown -h` 设置的标志。由模拟 {shell}({os})计算得出。"
      ),
    "o* = bash 2.05–3.1: hangup_all_jobs still sends SIGCONT to a stopped J_NOHUP job, so with huponexit or on SIGHUP it gets SIGCONT twice (hangup_all_jobs, then terminate_stopped_jobs). From 3.2 hangup_all_jobs skips J_NOHUP jobs entirely.":
      (
        "o* = bash 2.05〜3.1 では hangup_all_jobs が停止中の J_NOHUP ジョブにも SIGCONT を送るため、huponexit 有効時や SIGHUP 受信時には SIGCONT が 2 回届く(hangup_all_jobs と terminate_stopped_jobs)。3.2 以降の hangup_all_jobs は J_NOHUP のジョブを丸ごと飛ばす。",
        "o* = bash 2.05–3.1 中 hangup_all_jobs 仍会向已停止的 J_NOHUP 作业发送 SIGCONT,因此在 huponexit 开启或收到 SIGHUP 时它会收到两次 SIGCONT(hangup_all_jobs 和 terminate_stopped_jobs)。从 3.2 起 hangup_all_jobs 完全跳过 J_NOHUP 作业。"
      ),

    "What happens to a job when the SSH connection drops":
      ("SSH 接続が切れたときジョブはどうなるか", "SSH 连接断开时作业会怎样"),
    "state of the job": ("端末上のプロセスの状態", "进程状态"),
    "SIGHUP ignored": ("SIGHUPの無視", "忽略 SIGHUP"),
    "after the disconnect (article)": ("切断後の状態(記事)", "断开后(原文)"),
    "after the disconnect (hupsim)": ("切断後の状態(hupsim)", "断开后(hupsim)"),
    "signals it gets": ("受け取るシグナル", "收到的信号"),
    "foreground": ("フォアグラウンド", "前台"),
    "background": ("バックグラウンド", "后台"),
    "stopped": ("STOPされている", "已停止"),
    "terminated": ("プロセス終了", "进程终止"),
    "adopted by init": ("init が回収", "由 init 接管"),
    "Row C corrected: the article says init adopts a background job, but on hang-up bash's SIGHUP handler (sig.c termsig_handler → jobs.c hangup_all_jobs) sends SIGHUP to every job, background ones included, so a job that does not ignore SIGHUP dies. It survives `exit` with huponexit off, not a closed terminal.":
      (
        "行 C を訂正: 記事はバックグラウンドジョブを init が回収するとしているが、ハングアップ時の bash の SIGHUP ハンドラ(sig.c termsig_handler → jobs.c hangup_all_jobs)はバックグラウンドを含むすべてのジョブに SIGHUP を送るため、SIGHUP を無視していないジョブは終了する。生き残るのは huponexit が off の状態で `exit` したときであり、端末を閉じたときではない。",
        "更正 C 行:原文称后台作业由 init 接管,但挂断时 bash 的 SIGHUP 处理函数(sig.c termsig_handler → jobs.c hangup_all_jobs)会向包括后台作业在内的所有作业发送 SIGHUP,因此未忽略 SIGHUP 的作业会终止。它能在 huponexit 关闭时的 `exit` 中存活,而不是在关闭终端时。"
      ),
    "Computed by simulating {shell} on {os}, as in the article (Ubuntu 20.04, bash 5.0.17).":
      (
        "記事の環境(Ubuntu 20.04、bash 5.0.17)に合わせ、{shell} / {os} のシミュレーションで算出。",
        "与原文环境(Ubuntu 20.04、bash 5.0.17)相同,由模拟 {shell}({os})计算得出。"
      ),

    "disown vs nohup vs setsid when the SSH connection drops":
      ("SSH 切断時の disown・nohup・setsid の比較", "SSH 断开时 disown、nohup 与 setsid 的比较"),
    "launch": ("起動方法", "启动方式"),
    "bash sends SIGHUP at the disconnect": ("切断時に bash が SIGHUP を送る", "断开时 bash 发送 SIGHUP"),
    "survives the disconnect": ("切断後も生き残る", "断开后存活"),
    "a later kill -HUP kills it": ("後から kill -HUP すると終了する", "之后 kill -HUP 会杀死它"),
    "session": ("セッション", "会话"),
    "how it works": ("仕組み", "原理"),
    "the login session": ("ログインセッション", "登录会话"),
    "its own session": ("独自のセッション", "独立的会话"),
    "an ordinary job": ("通常のジョブ", "普通作业"),
    "removed from bash's job table": ("bash のジョブ一覧から外される", "从 bash 的作业表中移除"),
    "SIGHUP ignored, inherited across exec": ("SIGHUP を無視(exec 後も引き継がれる)", "忽略 SIGHUP(exec 后仍继承)"),
    "new session, no controlling terminal": ("新しいセッション、制御端末なし", "新会话,无控制终端"),
    "nohup does not make it immune: it only ignores SIGHUP. disown and setsid keep bash from sending SIGHUP but leave SIGHUP at its default action.":
      (
        "nohup は SIGHUP を無視させるだけで、他のシグナルには無防備。disown と setsid は bash からの SIGHUP を防ぐが、SIGHUP 自体はデフォルト動作のまま。",
        "nohup 只是忽略 SIGHUP,并不能防住其他信号。disown 和 setsid 让 bash 不再发送 SIGHUP,但 SIGHUP 本身仍是默认动作。"
      ),

    "Ctrl+C versus kill -INT: who gets SIGINT":
      ("Ctrl+C と kill -SIGINT の違い: SIGINT を受け取るのは誰か", "Ctrl+C 与 kill -INT 的区别:谁收到 SIGINT"),
    "action": ("操作", "操作"),
    "SIGINT goes to": ("SIGINT の送信先", "SIGINT 发给"),
    "parent": ("親プロセス", "父进程"),
    "child": ("子プロセス", "子进程"),
    "child's parent afterwards": ("その後の子プロセスの親", "子进程之后的父进程"),
    "Ctrl+C on the foreground job": ("フォアグラウンドジョブで Ctrl+C", "对前台作业按 Ctrl+C"),
    "kill -INT <parent pid>": ("kill -SIGINT <親の PID>", "kill -INT <父进程 PID>"),
    "the whole foreground process group": ("フォアグラウンドのプロセスグループ全体", "整个前台进程组"),
    "only that process": ("指定したプロセスのみ", "仅该进程"),
    "dies": ("終了", "终止"),
    "The terminal turns ^C into SIGINT for every process of the foreground group (n_tty isig → kill_pgrp); kill(1) signals the one pid it is given, and the orphaned child is re-parented.":
      (
        "端末は ^C をフォアグラウンドのプロセスグループの全プロセスへの SIGINT に変換する(n_tty isig → kill_pgrp)。kill(1) は指定した PID だけに送り、残った子プロセスはリペアレンティングされる。",
        "终端把 ^C 转换为发给前台进程组所有进程的 SIGINT(n_tty isig → kill_pgrp);kill(1) 只发给指定的 PID,剩下的子进程会被重新指定父进程。"
      ),

    "The same scenario across bash versions": ("bash のバージョンによる違い", "不同 bash 版本下的同一场景"),
    "The same scenario across shells and versions": ("シェルとバージョンによる違い", "不同 shell 及版本下的同一场景"),
    "signals from the shell": ("シェルからのシグナル", "来自 shell 的信号"),
    "Shell": ("シェル", "Shell"),
    "What each shell does to its jobs at exit and hang-up": ("終了時とハングアップ時に各シェルがジョブに行うこと", "各 shell 在退出和挂断时对作业做什么"),
    "Each cell: the signals the shell itself sends the job, in order, then what becomes of the job (the kernel's orphaned-group SIGHUP and SIGCONT included). Interactive login shells, default options, computed by simulating each scenario.":
      (
        "各セル: シェル自身がジョブに送るシグナル(送信順)と、ジョブの結末(カーネルの孤児プロセスグループへの SIGHUP・SIGCONT を含む)。対話的ログインシェル、既定のオプションで、各シナリオをシミュレートして求めた。",
        "每个单元格: shell 本身按顺序发给作业的信号,以及作业的结局(包括内核对孤儿进程组发送的 SIGHUP 和 SIGCONT)。交互式登录 shell、默认选项,通过模拟每个场景得出。"
      ),
    "exit": ("exit", "exit"),
    "hang-up": ("ハングアップ", "挂断"),
    "Job {n} was still in the login session's scope when the session ended, and logind has KillUserProcesses=yes: systemd stopped session-N.scope and killed everything in it, whatever nohup, setsid or disown did. Start it with `systemd-run --user` (with `loginctl enable-linger`) to move it out.":
      (
        "セッション終了時、ジョブ {n} はまだログインセッションのスコープにいて、logind は KillUserProcesses=yes だった: systemd が session-N.scope を停止し、nohup・setsid・disown に関係なく中のすべてを終了させた。`systemd-run --user`(と `loginctl enable-linger`)で起動すればスコープの外に出せる。",
        "会话结束时作业 {n} 仍在登录会话的 scope 中,而 logind 设置了 KillUserProcesses=yes:systemd 停止了 session-N.scope,杀死其中的一切,无论是否用了 nohup、setsid 或 disown。用 `systemd-run --user`(并 `loginctl enable-linger`)启动即可移出。"
      ),
    "Job {n} ran under the user manager, which stops when the user's last session is gone unless the user lingers: `loginctl enable-linger` keeps it.":
      (
        "ジョブ {n} はユーザーマネージャーの下で動いていたが、linger が無効だと最後のセッションが終わると停止する: `loginctl enable-linger` で残せる。",
        "作业 {n} 运行在用户管理器之下,若未启用 linger,用户最后一个会话结束时它会停止:`loginctl enable-linger` 可保留它。"
      ),
    "sshd was started per connection (ssh.socket Accept=yes) without pam_systemd: everything the connection started stayed in its ssh@ unit, which systemd stopped when the connection ended. KillMode=process on ssh@.service, or systemd-run, avoids it.":
      (
        "sshd は接続ごとに起動され(ssh.socket Accept=yes)、pam_systemd がなかった: 接続が起動したものはすべて ssh@ ユニットに残り、接続の終了時に systemd がそれを停止した。ssh@.service の KillMode=process か systemd-run で避けられる。",
        "sshd 是按连接启动的(ssh.socket Accept=yes),且没有 pam_systemd:连接启动的一切都留在其 ssh@ 单元中,连接结束时被 systemd 停止。给 ssh@.service 设 KillMode=process 或用 systemd-run 可避免。"
      ),
    "Jenkins kills every process whose environment carries the build's cookie when the build ends; start job {n} with `BUILD_ID=dontKillMe JENKINS_NODE_COOKIE=dontKillMe` to keep it.":
      (
        "Jenkins はビルド終了時、環境変数にビルドのクッキーを持つプロセスをすべて終了させる。ジョブ {n} を残すには `BUILD_ID=dontKillMe JENKINS_NODE_COOKIE=dontKillMe` を付けて起動する。",
        "Jenkins 在构建结束时会杀死环境中带有该构建 cookie 的所有进程;要保留作业 {n},请用 `BUILD_ID=dontKillMe JENKINS_NODE_COOKIE=dontKillMe` 启动。"
      ),
    "The GitHub Actions runner kills, with SIGKILL, every process of the job that carries its RUNNER_TRACKING_ID; start job {n} with `RUNNER_TRACKING_ID=` to keep it.":
      (
        "GitHub Actions のランナーは、RUNNER_TRACKING_ID を持つジョブのプロセスをすべて SIGKILL で終了させる。ジョブ {n} を残すには `RUNNER_TRACKING_ID=` を付けて起動する。",
        "GitHub Actions 运行器会用 SIGKILL 杀死带有该作业 RUNNER_TRACKING_ID 的所有进程;要保留作业 {n},请用 `RUNNER_TRACKING_ID=` 启动。"
      ),
    "WSL 1 before Windows 10 1803 ends the whole Linux instance when its last console window closes: nothing survives, whatever it did.":
      (
        "Windows 10 1803 より前の WSL 1 は、最後のコンソールウィンドウが閉じると Linux インスタンス全体を終了させる: 何をしていても生き残らない。",
        "Windows 10 1803 之前的 WSL 1 会在最后一个控制台窗口关闭时结束整个 Linux 实例:无论做了什么都不会幸存。"
      ),
    "Job {n}'s program detached itself: it forked, its parent exited (the shell saw the job end) and the child called setsid(), so it is in a session of its own with no controlling terminal. Neither the shell's SIGHUP nor the kernel's reaches it.":
      (
        "ジョブ {n} のプログラムは自分で切り離した: fork して親が終了し(シェルからはジョブが終わったように見える)、子が setsid() を呼んだので、制御端末を持たない自分だけのセッションにいる。シェルの SIGHUP もカーネルの SIGHUP も届かない。",
        "作业 {n} 的程序自行脱离:它 fork 后父进程退出(shell 看到作业结束),子进程调用 setsid(),因此处在没有控制终端的独立会话中。shell 和内核的 SIGHUP 都到不了它。"
      ),
    "Job {n} wrote to its stdout, a pipe to sshd that nobody reads once the connection is gone: the kernel sent it SIGPIPE. Redirect its output (`> job.out 2>&1`) so it survives.":
      (
        "ジョブ {n} は標準出力(sshd へのパイプ)に書き込んだが、接続が切れた後は誰も読まない: カーネルが SIGPIPE を送った。出力をリダイレクト(`> job.out 2>&1`)すれば生き残る。",
        "作业 {n} 向标准输出(连到 sshd 的管道)写入,而连接断开后已无人读取:内核向它发送了 SIGPIPE。把输出重定向(`> job.out 2>&1`)即可幸存。"
      ),
    "Without job control job {n} stayed in the shell's process group, the terminal's foreground group, so the kernel sent it SIGHUP when the shell, the controlling process, exited. `set -m` (or `setsid`) would have put it in a group of its own.":
      (
        "ジョブ制御がないため、ジョブ {n} はシェルのプロセスグループ(端末のフォアグラウンドグループ)に留まり、制御プロセスであるシェルの終了時にカーネルから SIGHUP を受けた。`set -m`(または `setsid`)なら自分のグループに入れた。",
        "没有作业控制时,作业 {n} 留在 shell 的进程组(终端的前台进程组)中,所以作为控制进程的 shell 退出时内核向它发送了 SIGHUP。`set -m`(或 `setsid`)会让它有自己的进程组。"
      ),
    "stdin: sshd closed the pipe, reads return end of file": (
      "標準入力: sshd がパイプを閉じたため、読み込みは EOF を返す", "标准输入:sshd 关闭了管道,读取返回文件结束"
    ),
    "stdout is a pipe nobody reads: its next write kills it with SIGPIPE": (
      "標準出力は誰も読まないパイプ: 次の書き込みで SIGPIPE により終了する", "标准输出是无人读取的管道:下一次写入会被 SIGPIPE 杀死"
    ),
    "stdout is a pipe nobody reads: writes fail with EPIPE (SIGPIPE is not at its default)": (
      "標準出力は誰も読まないパイプ: 書き込みは EPIPE で失敗する(SIGPIPE が既定動作でない)", "标准输出是无人读取的管道:写入以 EPIPE 失败(SIGPIPE 不是默认动作)"
    ),
    "it holds sshd's stdout/stderr pipe: ssh does not return until it exits or closes them": (
      "sshd の標準出力/標準エラーのパイプを握っている: 終了するか閉じるまで ssh は戻らない", "它占着 sshd 的 stdout/stderr 管道:在它退出或关闭之前 ssh 不会返回"
    ),
    "its read loop retries after end of file or an error: it spins on the CPU forever": (
      "読み込みループが EOF やエラーの後も再試行する: CPU を使って空回りし続ける", "它的读取循环在文件结束或出错后仍重试:会一直空转占用 CPU"
    ),
    "{shell} leaves SIGHUP at its default action, so the SIGHUP killed it at once: none of its code ran, and it signalled no job.":
      (
        "{shell} は SIGHUP を既定動作のままにしているため、SIGHUP で即座に終了した。{shell} のコードは何も実行されず、どのジョブにもシグナルを送っていない。",
        "{shell} 将 SIGHUP 保持为默认动作,因此 SIGHUP 立即杀死了它:它的代码一行也没有运行,也没有向任何作业发送信号。"
      ),
    "When {shell} left it sent job {n} {signals} itself ({function}).":
      ("{shell} は終了時にジョブ {n} へ自ら {signals} を送った({function})。", "{shell} 退出时亲自向作业 {n} 发送了 {signals}({function})。"),
    "{shell} sent job {n} nothing when it left.": ("{shell} は終了時にジョブ {n} へ何も送らなかった。", "{shell} 退出时没有向作业 {n} 发送任何信号。"),
    "Job {n} was stopped when {shell} exited: its process group became orphaned with a stopped member, so the kernel sent it SIGHUP and then SIGCONT (kill_orphaned_pgrp).":
      (
        "{shell} の終了時、ジョブ {n} は停止していた。そのプロセスグループは停止中のメンバーを含む孤児プロセスグループになったため、カーネルが SIGHUP と SIGCONT を送った(kill_orphaned_pgrp)。",
        "{shell} 退出时作业 {n} 处于停止状态:它的进程组成为含有已停止成员的孤儿进程组,因此内核向它发送了 SIGHUP,然后是 SIGCONT(kill_orphaned_pgrp)。"
      ),
    "running": ("実行中", "运行中"),
    "nohup, stopped": ("nohup・停止中", "nohup、已停止"),
    "The same scenario across kernels": ("カーネルによる違い", "不同内核下的同一场景"),
    "signals from bash": ("bash からのシグナル", "来自 bash 的信号"),
    "signals from the kernel and terminal": ("カーネル・端末からのシグナル", "来自内核和终端的信号"),
    "outcome": ("結果", "结果"),
    "what changed": ("変わった点", "变化"),
    "hangup_all_jobs skips J_NOHUP jobs entirely (3.2)": (
      "hangup_all_jobs が J_NOHUP のジョブを丸ごと飛ばすようになった(3.2)", "hangup_all_jobs 完全跳过 J_NOHUP 作业(3.2)"
    ),
    "terminating signals are handled at the next check point (3.2)": (
      "終了シグナルを次のチェックポイントで処理するようになった(3.2)", "终止信号改为在下一个检查点处理(3.2)"
    ),
    "end_job_control now tests `{condition}`": (
      "end_job_control の条件が `{condition}` になった", "end_job_control 的条件变为 `{condition}`"
    ),
    "shopt checkjobs exists (4.0)": ("shopt checkjobs が追加された(4.0)", "新增 shopt checkjobs(4.0)"),
    "readline catches SIGHUP and re-sends it (4.3)": (
      "readline が SIGHUP を捕捉して送り直すようになった(4.3)", "readline 捕获 SIGHUP 并重新发送(4.3)"
    ),
    "^D counts as the exit builtin for the second-exit rule (5.1)": (
      "^D も二度目の exit の判定で exit ビルトインとして数えられるようになった(5.1)", "^D 在第二次 exit 规则中视为 exit 内建命令(5.1)"
    ),
    "the child gives a foreground job the terminal, so end_job_control does not take it back (5.3)": (
      "フォアグラウンドジョブへの端末の受け渡しを子プロセスだけが行うようになり、end_job_control が端末を取り戻さない(5.3)",
      "前台作业的终端改由子进程移交,end_job_control 不再收回终端(5.3)"
    ),
    "waitchld notices jobs continued by a signal (WCONTINUED, 2.05b)": (
      "waitchld がシグナルで再開したジョブに気づくようになった(WCONTINUED、2.05b)", "waitchld 能察觉被信号继续运行的作业(WCONTINUED,2.05b)"
    ),
    "a foreground job stopped by ^Z sets $? to 128 + SIGTSTP (3.1)": (
      "^Z で停止したフォアグラウンドジョブが $? を 128 + SIGTSTP にするようになった(3.1)", "被 ^Z 停止的前台作业会把 $? 设为 128 + SIGTSTP(3.1)"
    ),
    "Outcome by {rows} and {cols}": ("{rows} × {cols} ごとの結果", "按 {rows} 和 {cols} 的结果"),
    "Each cell is the outcome of job 1, computed by simulating the scenario.":
      ("各セルはシナリオをシミュレーションして求めたジョブ 1 の結果。", "每个单元格是模拟该场景得到的作业 1 的结果。"),
    "not possible: {reason}": ("不可能: {reason}", "不可能:{reason}"),

    // Explanations.
    "Scenario": ("シナリオ", "场景"),
    "What happens": ("何が起きるか", "发生了什么"),
    "Verdict": ("結論", "结论"),
    "Why": ("なぜか", "原因"),
    "What you would see": ("画面に見えるもの", "你会看到什么"),
    "{shell} prints:": ("{shell} の出力:", "{shell} 输出:"),
    "{shell} prints nothing about it.": ("{shell} は何も表示しない。", "{shell} 不输出任何内容。"),
    "Processes before the end": ("終了前のプロセス", "结束前的进程"),
    "Processes after": ("終了後のプロセス", "结束后的进程"),
    "You type `{command}`.": ("`{command}` と入力する。", "输入 `{command}`。"),
    "You press {key}.": ("{key} を押す。", "按下 {key}。"),
    "The terminal window closes or the SSH connection drops: the pty master's last descriptor closes.":
      (
        "端末エミュレータが閉じられる(または SSH 接続が切れる): 擬似端末の master 側の最後のファイル記述子が close される。",
        "终端窗口关闭或 SSH 连接断开:伪终端主设备的最后一个文件描述符被关闭。"
      ),
    "Someone runs `kill -HUP` on the shell; the terminal stays open.":
      ("誰かがシェルに `kill -HUP` を送る。端末は開いたまま。", "有人对 shell 执行 `kill -HUP`,终端仍保持打开。"),
    "Someone runs `kill -{signal} {pid}` from another terminal.":
      ("別の端末から `kill -{signal} {pid}` を実行する。", "有人在另一个终端执行 `kill -{signal} {pid}`。"),
    "{sender} sends {signal} to {target}: {effect}.": (
      "{sender} が {target} に {signal} を送る: {effect}。", "{sender} 向 {target} 发送 {signal}:{effect}。"
    ),
    "{sender} sends {signal} to {target} (via its process group {pgid}): {effect}.":
      (
        "{sender} が {target} に {signal} を送る(プロセスグループ {pgid} 宛て): {effect}。",
        "{sender} 向 {target} 发送 {signal}(发给进程组 {pgid}):{effect}。"
      ),
    "{sender} sends {signal} to {target}: no such process.": (
      "{sender} が {signal} を送るが、送り先 {target} は存在しない。", "{sender} 发送 {signal},但目标 {target} 不存在。"
    ),
    "{target} takes the pending {signal}: {effect}.": (
      "{target} が保留中の {signal} を受け取る: {effect}。", "{target} 处理挂起的 {signal}:{effect}。"
    ),
    "{shell} forks {target} and puts it in its own process group.":
      ("{shell} が {target} を fork し、専用のプロセスグループに入れる。", "{shell} fork 出 {target},并把它放进自己的进程组。"),
    "Process group {pgid} becomes the terminal's foreground group: the job may read the terminal and gets ^C and ^Z.":
      (
        "プロセスグループ {pgid} が端末のフォアグラウンドプロセスグループになる: ジョブは端末を読めて、^C や ^Z を受け取る。",
        "进程组 {pgid} 成为终端的前台进程组:作业可以读终端,也会收到 ^C 和 ^Z。"
      ),
    "{shell} makes its own process group the terminal's foreground group again.":
      ("{shell} が自分のプロセスグループを再び端末のフォアグラウンドプロセスグループにする。", "{shell} 把自己的进程组重新设为终端的前台进程组。"),
    "{function}: {shell}'s own record says it still has the terminal (the job's process took it), so it does not take it back; process group {pgid} keeps the terminal.":
      (
        "{function}: {shell} 自身の記録では端末はまだ自分のもの(端末を取ったのはジョブのプロセス)なので、端末を取り戻さない。プロセスグループ {pgid} がフォアグラウンドのまま残る。",
        "{function}:{shell} 自己的记录显示终端仍属于它(是作业进程拿走了终端),所以不收回终端;进程组 {pgid} 仍是前台进程组。"
      ),
    "{shell} notices that {target} has stopped and records the job as stopped.":
      ("{shell} が {target} の停止に気づき、ジョブを停止中として記録する。", "{shell} 发现 {target} 已停止,并把该作业记为已停止。"),
    "{title}.": ("{title}。", "{title}。"),
    "{title}: {target}.": ("{title}: {target}。", "{title}:{target}。"),
    "{shell} prints \"{line}\".": ("{shell} が「{line}」と表示する。", "{shell} 输出“{line}”。"),
    "{target} ends: {fate}.": ("{target} が終わる: {fate}。", "{target} 结束:{fate}。"),
    "{target} exits.": ("{target} が終了する。", "{target} 退出。"),
    "{target} is re-parented to {parent}.": (
      "{target} の親が {parent} に変わる(リペアレンティング)。", "{target} 的父进程变为 {parent}(重新指定父进程)。"
    ),
    "Process group {pgid} is now orphaned, but none of its members is stopped: the kernel sends nothing.":
      (
        "プロセスグループ {pgid} は孤児プロセスグループになったが、停止中のメンバーがいないのでカーネルは何も送らない。",
        "进程组 {pgid} 成为孤儿进程组,但没有成员处于停止状态,内核不发送任何信号。"
      ),
    "The terminal hangs up with no session attached: nobody is signalled, and open descriptors now read end of file and write EIO.":
      (
        "セッションを持たない状態で端末がハングアップする: 誰にもシグナルは送られず、開いている記述子の read は EOF、write は EIO になる。",
        "终端在没有会话的情况下挂断:不向任何进程发信号,已打开的描述符读返回 EOF、写返回 EIO。"
      ),
    "The shell is gone, so the terminal owner closes the pty master.":
      ("シェルが終了したので、端末の所有者(sshd など)が擬似端末の master を閉じる。", "shell 已退出,终端的持有者(如 sshd)关闭伪终端主设备。"),
    "Verdict: {verdict}": ("結論: {verdict}", "结论:{verdict}"),
    "{job} (`{command}`) survives; its parent is now {parent}.":
      ("{job}(`{command}`)は生き残り、親は {parent} になる。", "{job}(`{command}`)存活,其父进程变为 {parent}。"),
    "{job} (`{command}`) is killed by {signal}.": (
      "{job}(`{command}`)は {signal} で終了する。", "{job}(`{command}`)被 {signal} 终止。"
    ),
    "{job} (`{command}`) exits with status {status}.": (
      "{job}(`{command}`)は終了コード {status} で終了する。", "{job}(`{command}`)以状态 {status} 退出。"
    ),
    "It still faces: {hazards}.": ("ただし: {hazards}。", "但仍然:{hazards}。"),
    "The shell did not exit: the session goes on.": ("シェルは終了しなかった: セッションは続く。", "shell 没有退出:会话继续。"),

    // The launchers' steps.
    "nohup sets SIGHUP to SIG_IGN: {target}.": (
      "nohup が SIGHUP を無視(SIG_IGN)に設定する: {target}。", "nohup 将 SIGHUP 设为忽略(SIG_IGN):{target}。"
    ),
    "stdin is the terminal, so nohup reopens it on /dev/null write-only: reads will fail with EBADF ({target}).":
      (
        "標準入力が端末なので、nohup は /dev/null を書き込み専用で開き直す: read() は EBADF で失敗する({target})。",
        "标准输入是终端,因此 nohup 以只写方式重新打开 /dev/null:read() 将以 EBADF 失败({target})。"
      ),
    "NetBSD's nohup leaves stdin on the terminal ({target}).": (
      "NetBSD の nohup は標準入力を端末のままにする({target})。", "NetBSD 的 nohup 让标准输入仍指向终端({target})。"
    ),
    "stdout is the terminal, so output goes to nohup.out ({target}).":
      ("標準出力が端末なので、出力は nohup.out に書かれる({target})。", "标准输出是终端,因此输出写入 nohup.out({target})。"),
    "{launcher} execs {program}: {signal} stays ignored ({target}).":
      (
        "{launcher} が {program} を exec する: {signal} は無視のまま引き継がれる({target})。",
        "{launcher} exec {program}:{signal} 仍保持忽略({target})。"
      ),

    // CSV.
    "table": ("表", "表"),
    "column {n}": ("列 {n}", "第 {n} 列"),

    // Pictures (mermaid, svg).
    "types `{command}`": ("`{command}` と入力する", "输入 `{command}`"),
    "presses {key}": ("{key} を押す", "按下 {key}"),
    "closes the terminal (pty master)": ("端末を閉じる(pty マスター)", "关闭终端(pty 主设备)"),
    "takes {signal}: {effect}": ("{signal} を受け取る: {effect}", "接收 {signal}:{effect}"),
    "exits": ("終了する", "退出"),
    "re-parented to the subreaper": ("サブリーパーの子になる", "被 subreaper 收养"),
    "re-parented to init": ("init の子になる", "被 init 收养"),
    "prints \"{line}\"": ("\"{line}\" と表示する", "打印 \"{line}\""),

    // Races.
    "Races": ("競合(レース)", "竞态"),
    "{id}: {title}.": ("{id}: {title}。", "{id}:{title}。"),
    "Most common — {branch} ({observed}): {outcomes}.": (
      "最も多いのは — {branch}({observed}): {outcomes}。", "最常见 — {branch}({observed}):{outcomes}。"
    ),
    "Or — {branch} ({observed}): {outcomes}.": (
      "あるいは — {branch}({observed}): {outcomes}。", "或者 — {branch}({observed}):{outcomes}。"
    ),
    "{n} of {total} recorded runs": ("記録した {total} 回中 {n} 回", "记录的 {total} 次中 {n} 次"),
    "from the source, not recorded": ("ソースから導出、記録では未観測", "由源码推出,记录中未观察到"),
    "survives, stopped": ("停止したまま生存", "以停止状态存活"),
    "{job} handles {signals}; {fate}": ("{job} は {signals} をハンドラで受け取り、{fate}", "{job} 处理 {signals},{fate}"),
    "the jobs run before the shell dies": ("シェルが終了する前にジョブが走る", "shell 退出前作业先运行"),
    "the shell dies before the jobs run": ("ジョブが走る前にシェルが終了する", "作业运行前 shell 先退出"),
    "the job runs between the kernel's SIGHUP and SIGCONT": (
      "カーネルの SIGHUP と SIGCONT の間にジョブが走る", "作业在内核的 SIGHUP 和 SIGCONT 之间运行"
    ),
    "the reader stops only after the kernel checked its group": ("カーネルがグループを検査した後で読み手が停止する", "内核检查进程组之后读取者才停止"),
    "the readers read before the terminal owner closes the master": (
      "端末の所有者が master を閉じる前に読み手が read する", "终端持有者关闭主设备之前读取者先读取"
    ),
    "the terminal owner closes the master first": ("端末の所有者が先に master を閉じる", "终端持有者先关闭主设备"),
    "the shell does not see the job continue first": ("シェルはジョブの再開に先に気づかない", "shell 没有先察觉作业继续运行"),
    "the shell sees the job continue first": ("シェルが先にジョブの再開に気づく", "shell 先察觉作业继续运行"),
    "the shell's read gets the typed line": ("入力された行をシェルの read が受け取る", "输入的行由 shell 的 read 读到"),
    "the other reader of the terminal gets the typed line": ("入力された行を端末のもう一方の読み手が受け取る", "输入的行被终端的另一个读取者读走"),
    "The foreground job's SIGHUP from the shell and from the kernel":
      ("フォアグラウンドジョブへのシェルからの SIGHUP とカーネルからの SIGHUP", "前台作业收到的来自 shell 和来自内核的 SIGHUP"),
    "A reader stopped by SIGTTIN, continued by the shell as it leaves":
      ("SIGTTIN で停止した読み手を、シェルが終了時に再開させる", "被 SIGTTIN 停止的读取者在 shell 退出时被继续运行"),
    "The terminal owner closes the master, or the readers read first":
      ("端末の所有者が master を閉じるのが先か、読み手の read が先か", "终端持有者先关闭主设备,还是读取者先读取"),
    "The shell sees a stopped job continue before it terminates stopped jobs":
      ("停止中のジョブを終了させる前に、シェルがその再開に気づく", "shell 在终止已停止作业之前察觉其已继续运行"),
    "On a hang-up the shell's SIGHUP handler sends SIGHUP to the foreground job and then kills itself; when it dies the kernel sends SIGHUP and SIGCONT to the group that was in the foreground at the hang-up. If the job runs on the other CPU before the shell dies, it takes the shell's SIGHUP on its own; if not, the kernel's SIGHUP merges with the pending one (standard signals do not queue).":
      (
        "ハングアップ時、シェルの SIGHUP ハンドラはフォアグラウンドジョブに SIGHUP を送ってから自分自身を終了させる。シェルが終了すると、カーネルはハングアップ時にフォアグラウンドだったプロセスグループへ SIGHUP と SIGCONT を送る。シェルが終了する前にジョブがもう一方の CPU で走れば、シェルからの SIGHUP を単独で受け取る。走らなければ、カーネルの SIGHUP は保留中のものとまとめられる(標準シグナルはキューに溜まらない)。",
        "挂断时,shell 的 SIGHUP 处理函数先向前台作业发送 SIGHUP,再终止自己;shell 退出时,内核向挂断时处于前台的进程组发送 SIGHUP 和 SIGCONT。如果作业在 shell 退出前已在另一个 CPU 上运行,它会单独处理来自 shell 的 SIGHUP;否则内核的 SIGHUP 会与挂起的那个合并(标准信号不排队)。"
      ),
    "The shell sends a stopped reader SIGTERM (or SIGHUP) and SIGCONT as it leaves. If the reader runs before the shell has exited, its read of the terminal is a background read from a group that is not yet orphaned: SIGTTIN stops it again, and the kernel's orphaned-group SIGHUP and SIGCONT reach it when the shell exits. If it runs after, its group is orphaned and the read fails with EIO. If it is stopped again only after the kernel checked the group at the shell's exit, nobody continues it.":
      (
        "シェルは終了時、停止中の読み手に SIGTERM(または SIGHUP)と SIGCONT を送る。シェルの終了前に読み手が走ると、その端末の read はまだ孤児でないグループからのバックグラウンド読み込みになり、SIGTTIN で再び停止し、シェルの終了時にカーネルの孤児プロセスグループ向け SIGHUP と SIGCONT が届く。終了後に走れば、グループは孤児なので read は EIO で失敗する。シェル終了時にカーネルがグループを検査した後で停止した場合は、誰も再開させない。",
        "shell 退出时向已停止的读取者发送 SIGTERM(或 SIGHUP)和 SIGCONT。若读取者在 shell 退出前运行,它对终端的读取是来自尚未成为孤儿的进程组的后台读取:SIGTTIN 会再次停止它,shell 退出时内核针对孤儿进程组的 SIGHUP 和 SIGCONT 会到达。若在之后运行,进程组已成孤儿,读取以 EIO 失败。若它在内核于 shell 退出时检查进程组之后才停止,就没有人再让它继续运行。"
      ),
    "When the shell exits, sshd or the terminal emulator notices and closes the pty master when it gets the CPU; processes the shell woke just before it died are usually ahead of it and re-enter read() while the terminal is still open (EIO from an orphaned group). If the owner runs first, the terminal is hung up and the read returns end of file.":
      (
        "シェルが終了すると、sshd や端末エミュレータがそれに気づき、CPU を得たときに擬似端末の master を閉じる。シェルが終了直前に起こしたプロセスはたいていその前に走り、端末がまだ開いている間に read() に戻る(孤児グループなので EIO)。所有者が先に走れば端末はハングアップ済みで、read は EOF を返す。",
        "shell 退出后,sshd 或终端模拟器会察觉并在获得 CPU 时关闭伪终端主设备;shell 退出前唤醒的进程通常排在它前面,在终端仍打开时重新进入 read()(孤儿进程组,得到 EIO)。若持有者先运行,终端已挂断,read 返回 EOF。"
      ),
    "In its SIGHUP handler bash sends SIGHUP and SIGCONT to a stopped job, then terminate_stopped_jobs sends SIGTERM and SIGCONT to every job it still records as stopped. A SIGCHLD (WCONTINUED) handled in between would record the job as running, and it would get no SIGTERM.":
      (
        "bash は SIGHUP ハンドラで停止中のジョブに SIGHUP と SIGCONT を送り、続いて terminate_stopped_jobs が停止中と記録されているすべてのジョブに SIGTERM と SIGCONT を送る。その間に SIGCHLD(WCONTINUED)が処理されるとジョブは実行中と記録され、SIGTERM は送られない。",
        "bash 在 SIGHUP 处理函数中向已停止的作业发送 SIGHUP 和 SIGCONT,随后 terminate_stopped_jobs 向仍记录为停止的所有作业发送 SIGTERM 和 SIGCONT。若其间处理了 SIGCHLD(WCONTINUED),作业会被记录为运行中,就不会收到 SIGTERM。"
      ),

    // Insights.
    "nohup only makes the job ignore SIGHUP. The job was stopped when bash left, so terminate_stopped_jobs sent it SIGTERM and then SIGCONT, and SIGTERM still has its default action: nohup cannot help a stopped job.":
      (
        "nohup はジョブに SIGHUP を無視させるだけ。bash の終了時にジョブは停止していたので、terminate_stopped_jobs が SIGTERM、続いて SIGCONT を送り、SIGTERM はデフォルト動作(終了)のまま。停止中のジョブは nohup では救えない。",
        "nohup 只让作业忽略 SIGHUP。bash 退出时作业处于停止状态,terminate_stopped_jobs 先发送 SIGTERM 再发送 SIGCONT,而 SIGTERM 仍是默认动作(终止):nohup 救不了已停止的作业。"
      ),
    "The job was stopped and no longer in bash's job table, so bash sent it nothing; but when bash exited, the job's process group became orphaned with a stopped member, so the kernel sent it SIGHUP and then SIGCONT (kill_orphaned_pgrp). Resume it with `bg` before `disown`.":
      (
        "ジョブは停止したまま bash のジョブ一覧から外れていたので bash は何も送らなかった。しかし bash の終了でそのプロセスグループは停止中のメンバーを持つ孤児プロセスグループになり、カーネルが SIGHUP と SIGCONT を送った(kill_orphaned_pgrp)。`disown` の前に `bg` で再開させること。",
        "作业处于停止状态且已不在 bash 的作业表中,所以 bash 没有发送信号;但 bash 退出后,该进程组成为含有停止成员的孤儿进程组,内核随即发送 SIGHUP 和 SIGCONT(kill_orphaned_pgrp)。应在 `disown` 之前先用 `bg` 让它继续运行。"
      ),
    "Closing the terminal is not like `exit`: the kernel sends SIGHUP to bash, and bash's SIGHUP handler re-sends SIGHUP to every job in its table (hangup_all_jobs), background ones included, with no huponexit needed. `exit` sends SIGHUP only with huponexit in a login shell.":
      (
        "端末を閉じることは `exit` とは違う: カーネルが bash に SIGHUP を送り、bash の SIGHUP ハンドラがバックグラウンドを含むジョブ一覧の全ジョブに SIGHUP を送り直す(hangup_all_jobs)。huponexit は関係ない。`exit` が SIGHUP を送るのはログインシェルで huponexit が有効なときだけ。",
        "关闭终端与 `exit` 不同:内核向 bash 发送 SIGHUP,bash 的 SIGHUP 处理函数会向作业表中的所有作业(包括后台作业)转发 SIGHUP(hangup_all_jobs),与 huponexit 无关。`exit` 只有在登录 shell 且开启 huponexit 时才发送 SIGHUP。"
      ),
    "`exit` leaves a running background job alone: exit_shell sends SIGHUP only with huponexit in a login shell, and the kernel's SIGHUP at the shell's exit goes to the foreground group, which is the shell's own.":
      (
        "`exit` は実行中のバックグラウンドジョブに手を出さない: exit_shell が SIGHUP を送るのはログインシェルで huponexit が有効なときだけで、シェル終了時のカーネルの SIGHUP はフォアグラウンドのプロセスグループ(シェル自身)に向かう。",
        "`exit` 不会影响正在运行的后台作业:exit_shell 只在登录 shell 且开启 huponexit 时发送 SIGHUP,而 shell 退出时内核发送的 SIGHUP 只发给前台进程组,也就是 shell 自己。"
      ),
    "disown -h only stops bash's SIGHUP; terminate_stopped_jobs still sends a stopped job SIGTERM and SIGCONT.":
      (
        "disown -h が防ぐのは bash からの SIGHUP だけ。停止中のジョブには terminate_stopped_jobs が SIGTERM と SIGCONT を送る。",
        "disown -h 只阻止 bash 发送 SIGHUP;terminate_stopped_jobs 仍会向已停止的作业发送 SIGTERM 和 SIGCONT。"
      ),
    "huponexit applies only to login shells: this non-login shell's exit_shell sends no SIGHUP.":
      (
        "huponexit はログインシェルにしか効かない: このログインシェルではないシェルの exit_shell は SIGHUP を送らない。",
        "huponexit 只对登录 shell 有效:这个非登录 shell 的 exit_shell 不会发送 SIGHUP。"
      ),
    "The job was in the foreground when the terminal hung up, so when bash died the kernel sent its group SIGHUP and SIGCONT as well (disassociate_ctty, tty_old_pgrp).":
      (
        "端末がハングアップしたときジョブはフォアグラウンドだったので、bash の終了時にカーネルもそのプロセスグループへ SIGHUP と SIGCONT を送った(disassociate_ctty、tty_old_pgrp)。",
        "终端挂断时作业位于前台,因此 bash 退出时内核也向其进程组发送了 SIGHUP 和 SIGCONT(disassociate_ctty、tty_old_pgrp)。"
      ),
    "setsid put the job in its own session without a controlling terminal: neither bash nor the terminal signals it, but its stdin and stdout still point at the old terminal.":
      (
        "setsid でジョブは制御端末のない独自のセッションに入った: bash も端末もシグナルを送らないが、標準入出力は古い端末を指したまま。",
        "setsid 让作业进入没有控制终端的独立会话:bash 和终端都不会向它发信号,但它的标准输入输出仍指向旧终端。"
      ),

    // Advice.
    "Remedies": ("対処法", "解决办法"),
    "Every remedy below was checked by simulating the changed scenario.":
      ("以下の対処法はすべて、変更後のシナリオをシミュレーションして確認済み。", "以下每个办法都已通过模拟修改后的场景验证。"),
    "Nothing to fix: every job survives.": ("対処不要: すべてのジョブが生き残る。", "无需处理:所有作业都会存活。"),
    "Not enough on their own": ("それだけでは不十分なもの", "单独使用还不够的办法"),
    "still leaves": ("残る問題", "仍存在的问题"),
    "it would still be: {outcome}": ("それでも: {outcome}", "结果仍是:{outcome}"),
    "Resume it in the background with `bg` before you leave": ("ログアウトの前に `bg` でバックグラウンドで再開する", "退出前用 `bg` 让它在后台继续运行"),
    "Start it with `&` instead of stopping it with ^Z": ("^Z で止めずに最初から `&` を付けて起動する", "不要用 ^Z 停止,而是一开始就用 `&` 启动"),
    "Start it as `nohup … &`": ("`nohup … &` で起動する", "用 `nohup … &` 启动"),
    "Mark it with `disown -h`": ("`disown -h` で印を付ける", "用 `disown -h` 标记"),
    "Remove it from the job table with `disown`": ("`disown` でジョブ一覧から外す", "用 `disown` 把它从作业表中移除"),
    "`bg`, then `disown`": ("`bg` してから `disown` する", "先 `bg` 再 `disown`"),
    "Start it with `setsid`": ("`setsid` で起動する", "用 `setsid` 启动"),
    "Start it in a subshell: `( cmd & )`": ("サブシェルで起動する: `( cmd & )`", "在子 shell 中启动:`( cmd & )`"),
    "Run it in a terminal multiplexer (`tmux new-session -d`)": (
      "端末マルチプレクサで動かす(`tmux new-session -d`)", "在终端复用器中运行(`tmux new-session -d`)"
    ),
    "Leave with `exit` instead of closing the terminal": ("端末を閉じずに `exit` でログアウトする", "用 `exit` 退出,而不是直接关闭终端"),
    "Turn huponexit off (`shopt -u huponexit`)": (
      "huponexit を無効にする(`shopt -u huponexit`)", "关闭 huponexit(`shopt -u huponexit`)"
    ),
    "Let the program detach itself (its daemon option, such as `daemonize yes`), or start it with `setsid -f`":
      (
        "プログラム自身にデーモン化させる(`daemonize yes` などのオプション)か、`setsid -f` で起動する",
        "让程序自己脱离(如 `daemonize yes` 之类的守护选项),或用 `setsid -f` 启动"
      ),
    "Turn job control on (`set -m`) before starting it": ("起動する前にジョブ制御を有効にする(`set -m`)", "启动前打开作业控制(`set -m`)"),
    "Redirect its output to a file (`> job.out 2>&1`)": (
      "出力をファイルにリダイレクトする(`> job.out 2>&1`)", "把输出重定向到文件(`> job.out 2>&1`)"
    ),
    "Start it with the CI runner's marker changed (`BUILD_ID=dontKillMe JENKINS_NODE_COOKIE=dontKillMe` on Jenkins, `RUNNER_TRACKING_ID=` on GitHub Actions)":
      (
        "CI ランナーの目印を変えて起動する(Jenkins では `BUILD_ID=dontKillMe JENKINS_NODE_COOKIE=dontKillMe`、GitHub Actions では `RUNNER_TRACKING_ID=`)",
        "改掉 CI 运行器的标记后启动(Jenkins 用 `BUILD_ID=dontKillMe JENKINS_NODE_COOKIE=dontKillMe`,GitHub Actions 用 `RUNNER_TRACKING_ID=`)"
      ),
    "Start it as a user service: `systemd-run --user --unit=job cmd`": (
      "ユーザーサービスとして起動する: `systemd-run --user --unit=job cmd`", "作为用户服务启动:`systemd-run --user --unit=job cmd`"
    ),
    "Start it as a user service with `systemd-run --user --unit=job cmd`, after `loginctl enable-linger`":
      (
        "`loginctl enable-linger` の後、`systemd-run --user --unit=job cmd` でユーザーサービスとして起動する",
        "先 `loginctl enable-linger`,再用 `systemd-run --user --unit=job cmd` 作为用户服务启动"
      ),
    "On your own machine: `busctl get-property org.freedesktop.login1 /org/freedesktop/login1 org.freedesktop.login1.Manager KillUserProcesses` says whether logind kills the session's scope at logout (simulate it with --logind kill-user-processes), `loginctl show-user $USER -p Linger` whether your user units outlive your sessions (--linger), and the journal of systemd-logind shows \"Session N logged out. Waiting for processes to exit.\" when it only abandons the scope.":
      (
        "自分のマシンでは: `busctl get-property org.freedesktop.login1 /org/freedesktop/login1 org.freedesktop.login1.Manager KillUserProcesses` で logind がログアウト時にセッションのスコープを停止するか(--logind kill-user-processes で再現できる)、`loginctl show-user $USER -p Linger` でユーザーユニットがセッションより長く生きるか(--linger)が分かる。スコープを放棄するだけのときは systemd-logind のジャーナルに \"Session N logged out. Waiting for processes to exit.\" と出る。",
        "在你自己的机器上:`busctl get-property org.freedesktop.login1 /org/freedesktop/login1 org.freedesktop.login1.Manager KillUserProcesses` 显示 logind 在登出时是否停止会话的 scope(可用 --logind kill-user-processes 模拟),`loginctl show-user $USER -p Linger` 显示用户单元是否比会话活得更久(--linger);logind 只放弃 scope 时,其日志里会出现 \"Session N logged out. Waiting for processes to exit.\"。"
      ),
  ]

  static func translate(_ english: String, _ language: Language) -> String {
    guard language != .en, let entry = entries[english] ?? scenarioEntries[english] else { return english }
    return language == .ja ? entry.ja : entry.zh
  }
}

extension Language {
  /// A rule's title in this language (kept with the rule, by ID).
  public func ruleTitle(_ id: RuleID) -> String {
    guard let rule = RuleCatalog.lookup(id) else { return id.rawValue }
    switch self {
    case .en: return rule.title
    case .ja: return rule.titleJA
    case .zh: return rule.titleZH
    }
  }

  /// Every catalogue entry, sorted by its English key, for the tests that hold the
  /// translations complete.
  package static var catalogue: [(english: String, ja: String, zh: String)] {
    (Catalog.entries.map { ($0.key, $0.value.ja, $0.value.zh) }
      + Catalog.scenarioEntries.map { ($0.key, $0.value.ja, $0.value.zh) })
      .sorted { $0.0 < $1.0 }
  }

  /// Translates an English catalogue string.
  public func t(_ english: String) -> String { Catalog.translate(english, self) }

  /// Translates and fills `{name}` placeholders.
  public func format(_ english: String, _ values: [String: String]) -> String {
    let template = t(english)
    guard template.utf8.contains(UInt8(ascii: "{")) else { return template }
    var out: [UInt8] = []
    out.reserveCapacity(template.utf8.count + 32)
    let bytes = Array(template.utf8)
    var i = 0
    while i < bytes.count {
      if bytes[i] == UInt8(ascii: "{"), let close = bytes[(i + 1)...].firstIndex(of: UInt8(ascii: "}")),
        let value = values[String(decoding: bytes[(i + 1)..<close], as: UTF8.self)]
      {
        out.append(contentsOf: value.utf8)
        i = close + 1
      } else {
        out.append(bytes[i])
        i += 1
      }
    }
    return String(decoding: out, as: UTF8.self)
  }

  /// A sentence's full stop, for joining localized sentences.
  var separator: String { self == .en ? " " : "" }

  public func outcome(_ fate: Fate) -> String {
    switch fate {
    case .alive: return t("survives")
    case .killed(let signal): return format("killed by {signal}", ["signal": signal.description])
    case .exited(let status): return format("exits with status {status}", ["status": String(status)])
    }
  }

  func effect(_ effect: Effect) -> String { t(effect.phrase) }

  func actor(_ actor: Actor) -> String { t(actor.rawValue) }

  func hazard(_ hazard: Hazard) -> String { t(hazard.description) }
}
