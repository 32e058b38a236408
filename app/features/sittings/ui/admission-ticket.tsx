import type { ReactNode } from "react";

export type TicketView = {
  id: string;
  ticket: string;
  name: string;
  idNumber: string;
  title: string;
  level: string;
  part: string;
  kind: "theory" | "skill";
  room: string;
  seat: number;
  date: string;
  time: string;
  duration: number;
  address: string;
  center: string;
  qr: string;
};

// Our own wording of what a candidate must know, from the standard's facts (closed-book theory,
// 100 points with 60 to pass, at least 60 minutes) and the platform's sign-in (ticket + ID + code).
export function examRules(kind: "theory" | "skill"): string[] {
  const common = [
    "请携带本准考证和本人居民身份证，于开考前 30 分钟到达考点，按座位号入座；证件不全者不得入场。",
    "开考 15 分钟后不得入场；考试期间不得提前离场，确需离开的须经监考人员同意。",
    "考试满分 100 分，60 分及以上为合格。成绩发布后可在“我的考试”中查看。",
    "服从考务人员管理，保持考场安静；冒名顶替、传递资料、抄袭他人等违纪行为将按规定处理，并记入考场记录。",
  ];
  return kind === "theory"
    ? [
        common[0],
        "理论知识考试为闭卷考试。机考时凭准考证号、身份证号和监考员宣布的开考码登录；作答自动保存，时间到系统自动交卷。",
        "除规定的文具外，书籍、资料及手机、智能手表等电子设备须关机并放在指定位置，不得带至座位。",
        ...common.slice(1),
      ]
    : [
        common[0],
        "技能考核按考评组和序号进行，请在候考区等候叫号；考评员只凭考号评分，请勿在作品或材料上写姓名。",
        "按考核准备通知单自备规定的材料；考核中不得使用手机等电子设备。",
        ...common.slice(1),
      ];
}

function Row({ label, children, mono = false }: { label: string; children: ReactNode; mono?: boolean }) {
  return (
    <>
      <dt className="py-1.5 text-slate-600">{label}</dt>
      <dd className={`border-b border-slate-300 py-1.5 ${mono ? "font-mono" : ""}`}>{children}</dd>
    </>
  );
}

/** One A4 准考证; a page break follows it when printed with others. */
export function AdmissionTicketSheet({ t }: { t: TicketView }) {
  return (
    <article className="a4-sheet" aria-label={`${t.name}的准考证`} data-testid="admission-ticket">
      <header className="border-b-2 border-slate-900 pb-3 text-center">
        <p className="text-sm text-slate-700">{t.center}</p>
        <h1 className="mt-1 text-2xl font-bold tracking-[0.3em]">职业技能等级认定准考证</h1>
        <p className="mt-1 text-sm text-slate-700">行政办事员（政务服务综合窗口办事员） · 职业编码 3-01-01-01</p>
      </header>
      <div className="mt-5 flex flex-col gap-6 sm:flex-row">
        <dl className="grid flex-1 grid-cols-[6.5rem_1fr] gap-x-3 text-[15px]">
          <Row label="姓　　名">
            <span data-testid="ticket-name">{t.name}</span>
          </Row>
          <Row label="身份证号" mono>
            {t.idNumber}
          </Row>
          <Row label="准考证号" mono>
            <strong data-testid="ticket-number">{t.ticket}</strong>
          </Row>
          <Row label="考试场次">{t.title}</Row>
          <Row label="等级与科目">
            {t.level} · {t.part}
          </Row>
          <Row label={t.kind === "skill" ? "考 评 组" : "考　　场"}>
            <span data-testid="ticket-room">{t.room}</span>
          </Row>
          <Row label={t.kind === "skill" ? "序　　号" : "座 位 号"}>
            <span data-testid="ticket-seat">{t.kind === "skill" ? `第 ${t.seat} 号` : `第 ${t.seat} 座`}</span>
          </Row>
          <Row label="考试时间">
            {t.date} {t.time}（北京时间，{t.duration} 分钟）
          </Row>
          <Row label="考试地点">{t.address || "以考点通知为准"}</Row>
        </dl>
        <div className="flex w-36 shrink-0 flex-col items-center gap-4">
          <div
            className="flex h-44 w-32 items-center justify-center border-2 border-dashed border-slate-500 text-sm text-slate-600"
            aria-label="照片粘贴处"
          >
            照片
          </div>
          <figure className="w-32" aria-label="准考证号二维码" data-testid="ticket-qr">
            <div dangerouslySetInnerHTML={{ __html: t.qr }} />
            <figcaption className="mt-1 text-center text-xs text-slate-600">准考证号二维码</figcaption>
          </figure>
        </div>
      </div>
      <section className="mt-6" aria-label="考生须知">
        <h2 className="mb-2 text-base font-bold">考生须知</h2>
        <ol className="list-decimal space-y-1.5 pl-6 text-[13px] leading-relaxed">
          {examRules(t.kind).map((r) => (
            <li key={r}>{r}</li>
          ))}
        </ol>
      </section>
      <footer className="mt-8 flex justify-between text-xs text-slate-600">
        <span>考生签名：＿＿＿＿＿＿＿＿</span>
        <span>本准考证仅限本人本场次使用，请妥善保管。</span>
      </footer>
    </article>
  );
}

/** The bar on top of a print page: print and back, not printed. */
export function PrintBar({ children, back }: { children?: ReactNode; back: { to: string; label: string } }) {
  return (
    <div className="no-print mx-auto flex max-w-[210mm] flex-wrap items-center gap-3 px-4 py-4">
      <button type="button" className="btn-primary" onClick={() => window.print()}>
        打印（A4）
      </button>
      <a className="btn-secondary" href={back.to}>
        {back.label}
      </a>
      {children}
    </div>
  );
}
