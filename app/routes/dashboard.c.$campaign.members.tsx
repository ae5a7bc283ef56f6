import { getFormProps, useForm, type SubmissionResult } from "@conform-to/react";
import { parseWithZod } from "@conform-to/zod/v4";
import type { ActionFunctionArgs, LoaderFunctionArgs } from "@remix-run/node";
import { redirect } from "@remix-run/node";
import { Form, useActionData, useLoaderData } from "@remix-run/react";
import { CAMPAIGN_ROLES, type CampaignRole } from "#db/schema/states";
import { changeMemberRole, inviteMember, leaveCampaign, listMembers, listOpenInvitations, MemberRuleError, removeMember, revokeInvitation } from "~/domain/team/member.server";
import { inviteFormSchema } from "~/domain/team/campaign-forms";
import { getMessages } from "~/locales";
import { parseId, requireCampaignMember } from "~/http/auth.server";
import { httpError, orHttp } from "~/http/errors.server";
import { useLocale, useT } from "~/lib/i18n";
import organizerMessages from "~/locales/organizer";
import { dateTimeFormat, localeTag } from "~/lib/intl-format";
import { InputField, SelectField } from "~/components/form-field";

export async function loader({ request, params }: LoaderFunctionArgs) {
  const { actor, campaign, user, can } = await requireCampaignMember(request, params.campaign);
  const members = await orHttp(listMembers({ actor, campaignId: campaign.id }));
  const manage = can.manageMembers;
  return {
    me: user.id,
    manage,
    // Team addresses are for owners, who manage the team.
    members: members.map((m) => ({ ...m, email: manage ? m.email : null })),
    invitations: manage ? await listOpenInvitations({ actor, campaignId: campaign.id }) : [],
  };
}

type Reply = { ok?: string; error?: string; result?: SubmissionResult<string[]> };

export async function action({ request, params }: ActionFunctionArgs): Promise<Reply | Response> {
  const { actor, campaign, locale } = await requireCampaignMember(request, params.campaign);
  const t = getMessages("organizer", locale);
  const form = await request.formData();
  const intent = form.get("intent");
  const ruleMessage = (e: MemberRuleError) =>
    e.code === "last_owner"
      ? t.members.lastOwner
      : e.code === "already_member"
        ? t.members.alreadyMember
        : t.members.notMember;
  try {
    if (intent === "invite") {
      const submission = parseWithZod(form, { schema: inviteFormSchema(t.v) });
      if (submission.status !== "success") return { result: submission.reply() };
      try {
        await inviteMember({
          actor,
          campaignId: campaign.id,
          email: submission.value.email,
          role: submission.value.role,
        });
      } catch (e) {
        if (e instanceof MemberRuleError)
          return { result: submission.reply({ fieldErrors: { email: [ruleMessage(e)] } }) };
        return httpError(e);
      }
      return {
        ok: t.members.invited(submission.value.email),
        result: submission.reply({ resetForm: true }),
      };
    }
    if (intent === "role") {
      const role = String(form.get("role"));
      if (!(CAMPAIGN_ROLES as readonly string[]).includes(role)) return { error: t.v.chooseRole };
      await orHttp(
        changeMemberRole({
          actor,
          campaignId: campaign.id,
          userId: parseId(String(form.get("userId"))),
          role: role as CampaignRole,
        }),
      );
      return { ok: getSaved(t) };
    }
    if (intent === "remove") {
      await orHttp(
        removeMember({
          actor,
          campaignId: campaign.id,
          userId: parseId(String(form.get("userId"))),
        }),
      );
      return { ok: getSaved(t) };
    }
    if (intent === "revoke") {
      await orHttp(
        revokeInvitation({
          actor,
          campaignId: campaign.id,
          invitationId: parseId(String(form.get("invitationId"))),
        }),
      );
      return { ok: getSaved(t) };
    }
    if (intent === "leave") {
      await orHttp(leaveCampaign({ actor, campaignId: campaign.id }));
      return redirect("/dashboard");
    }
  } catch (e) {
    if (e instanceof MemberRuleError) return { error: ruleMessage(e) };
    throw e;
  }
  return { error: "Unknown action" };
}

const getSaved = (t: { dash: { saved: string } }) => t.dash.saved;

export default function Members() {
  const { members, invitations, manage, me } = useLoaderData<typeof loader>();
  const data = useActionData<typeof action>() as Reply | undefined;
  const o = useT(organizerMessages);
  const locale = useLocale();
  const m = o.members;
  const [form, fields] = useForm({
    lastResult: data?.result,
    defaultValue: { intent: "invite", role: "coordinator" },
    onValidate: ({ formData }) => parseWithZod(formData, { schema: inviteFormSchema(o.v) }),
    shouldValidate: "onBlur",
  });
  const date = (d: string | Date) => dateTimeFormat(localeTag(locale)).format(new Date(d));
  return (
    <div className="stack">
      <h2>{m.title}</h2>
      {data?.ok ? (
        <p className="notice ok" role="status">
          {data.ok}
        </p>
      ) : null}
      {data?.error ? (
        <p className="notice error" role="alert">
          {data.error}
        </p>
      ) : null}
      <div className="table-wrap">
        <table className="data">
          <caption className="visually-hidden">{m.title}</caption>
          <thead>
            <tr>
              <th scope="col">{m.name}</th>
              {manage ? <th scope="col">{m.email}</th> : null}
              <th scope="col">{m.role}</th>
              <th scope="col">{m.since}</th>
              {manage ? <th scope="col">{m.actions}</th> : null}
            </tr>
          </thead>
          <tbody>
            {members.map((member) => (
              <tr key={member.userId}>
                <td>
                  {member.name}{" "}
                  {member.userId === me ? <span className="muted">{m.you}</span> : null}
                </td>
                {manage ? <td>{member.email}</td> : null}
                <td>{o.roles[member.role]}</td>
                <td>{date(member.since)}</td>
                {manage ? (
                  <td>
                    <div className="row-actions">
                      <Form method="post">
                        <input type="hidden" name="intent" value="role" />
                        <input type="hidden" name="userId" value={member.userId} />
                        <label className="visually-hidden" htmlFor={`role-${member.userId}`}>
                          {m.roleFor(member.name)}
                        </label>
                        <select id={`role-${member.userId}`} name="role" defaultValue={member.role}>
                          {CAMPAIGN_ROLES.map((r) => (
                            <option key={r} value={r}>
                              {o.roles[r]}
                            </option>
                          ))}
                        </select>
                        <button type="submit" className="secondary">
                          {m.changeRole}
                        </button>
                      </Form>
                      {member.userId !== me ? (
                        <Form method="post">
                          <input type="hidden" name="intent" value="remove" />
                          <input type="hidden" name="userId" value={member.userId} />
                          <button
                            type="submit"
                            className="danger"
                            aria-label={`${m.remove}: ${member.name}`}
                          >
                            {m.remove}
                          </button>
                        </Form>
                      ) : null}
                    </div>
                  </td>
                ) : null}
              </tr>
            ))}
          </tbody>
        </table>
      </div>

      {manage ? (
        <section className="card" aria-labelledby="invite-heading">
          <h3 id="invite-heading">{m.invite}</h3>
          <p className="small muted">{m.inviteHint}</p>
          <Form method="post" {...getFormProps(form)}>
            <input type="hidden" name="intent" value="invite" />
            <div className="form-row two">
              <InputField field={fields.email} label={m.email} type="email" autoComplete="off" />
              <SelectField
                field={fields.role}
                label={m.role}
                options={CAMPAIGN_ROLES.map((r) => ({
                  value: r,
                  label: `${o.roles[r]} — ${m.roleHelp[r]}`,
                }))}
              />
            </div>
            <button type="submit">{m.inviteSend}</button>
          </Form>
          {invitations.length ? (
            <>
              <h4>{m.pending}</h4>
              <ul>
                {invitations.map((inv) => (
                  <li key={inv.id}>
                    {inv.email} — {o.roles[inv.role]} ({m.expires} {date(inv.expiresAt)}){" "}
                    <Form method="post" className="inline-form">
                      <input type="hidden" name="intent" value="revoke" />
                      <input type="hidden" name="invitationId" value={inv.id} />
                      <button type="submit" className="link-button">
                        {m.revoke}
                      </button>
                    </Form>
                  </li>
                ))}
              </ul>
            </>
          ) : null}
        </section>
      ) : null}

      <section>
        <Form method="post">
          <input type="hidden" name="intent" value="leave" />
          <p className="small muted">{m.leaveHint}</p>
          <button type="submit" className="secondary">
            {m.leave}
          </button>
        </Form>
      </section>
    </div>
  );
}
