// Every organizer action × every role (and a stranger, and nobody) → allowed or refused.
// Each cell runs on its own fresh campaign, calling the domain functions directly.
import { beforeAll, describe, expect, it } from "vitest";
import type { CampaignRole } from "#db/schema/states";
import { ForbiddenError, type Actor } from "~/domain/team/authorization.server";
import {
  deleteCampaign,
  getCampaign,
  listAuditLog,
  updateCampaign,
} from "~/domain/team/campaign.server";
import {
  changeMemberRole,
  inviteMember,
  leaveCampaign,
  listMembers,
  listOpenInvitations,
  removeMember,
  revokeInvitation,
} from "~/domain/team/member.server";
import {
  createPetition,
  getPetitionForMember,
  listCampaignPetitions,
  updatePetition,
} from "~/domain/petitions/petition-admin.server";
import { transitionPetition } from "~/domain/petitions/petition-status.server";
import {
  bulkInvalidateSignatures,
  invalidateSignature,
  setCommentHidden,
} from "~/domain/petitions/signature-moderation.server";
import { countSignatures, listSignatures } from "~/domain/petitions/signature-list.server";
import { exportSignaturesCsv } from "~/domain/petitions/signature-export.server";
import { signatureStats } from "~/domain/petitions/signature-stats.server";
import { getRetention, setRetention } from "~/domain/privacy/retention.server";
import { makeCampaign, makeTeam, type Team } from "../support/organizer-fixtures";

type Who = CampaignRole | "stranger" | "nobody";
const WHO: Who[] = ["owner", "organizer", "coordinator", "viewer", "stranger", "nobody"];
type Ctx = Awaited<ReturnType<typeof makeCampaign>> & { team: Team };

const input = (slug: string) => ({
  slug,
  defaultLocale: "en" as const,
  goal: 500,
  titleEn: "A title",
  summaryEn: "Short",
});
const firstSignatureId = async (ctx: Ctx) =>
  (
    await listSignatures({
      actor: { userId: ctx.team.owner.id },
      petitionId: ctx.petition.id,
      filter: {},
    })
  ).rows[0]!.id;

// Expectations are written out here, not derived from PERMISSIONS, so a wrong change there fails.
const ALL: Who[] = ["owner", "organizer", "coordinator", "viewer"];
const MANAGERS: Who[] = ["owner", "organizer"];
const actions: {
  name: string;
  allowed: Who[];
  run: (actor: Actor, ctx: Ctx) => Promise<unknown>;
}[] = [
  {
    name: "view campaign",
    allowed: ALL,
    run: (actor, c) => getCampaign({ actor, campaignId: c.campaign.id }),
  },
  {
    name: "read the retention schedule",
    allowed: MANAGERS,
    run: (actor, c) => getRetention({ actor, campaignId: c.campaign.id }),
  },
  {
    name: "change the retention schedule",
    allowed: ["owner"],
    run: (actor, c) => setRetention({ actor, campaignId: c.campaign.id, months: 12 }),
  },
  {
    name: "update campaign settings",
    allowed: ["owner"],
    run: (actor, c) =>
      updateCampaign({
        actor,
        campaignId: c.campaign.id,
        name: "Renamed",
        description: "",
        defaultLocale: "es",
      }),
  },
  {
    name: "delete campaign",
    allowed: ["owner"],
    run: (actor, c) => deleteCampaign({ actor, campaignId: c.campaign.id }),
  },
  {
    name: "read audit log",
    allowed: ["owner"],
    run: (actor, c) => listAuditLog({ actor, campaignId: c.campaign.id }),
  },
  {
    name: "list team",
    allowed: ALL,
    run: (actor, c) => listMembers({ actor, campaignId: c.campaign.id }),
  },
  {
    name: "list invitations",
    allowed: ["owner"],
    run: (actor, c) => listOpenInvitations({ actor, campaignId: c.campaign.id }),
  },
  {
    name: "invite member",
    allowed: ["owner"],
    run: (actor, c) =>
      inviteMember({
        actor,
        campaignId: c.campaign.id,
        email: "new@team.test",
        role: "coordinator",
      }),
  },
  {
    name: "revoke invitation",
    allowed: ["owner"],
    run: async (actor, c) => {
      await inviteMember({
        actor: { userId: c.team.owner.id },
        campaignId: c.campaign.id,
        email: "x@team.test",
        role: "viewer",
      });
      const [inv] = await listOpenInvitations({
        actor: { userId: c.team.owner.id },
        campaignId: c.campaign.id,
      });
      return revokeInvitation({ actor, campaignId: c.campaign.id, invitationId: inv!.id });
    },
  },
  {
    name: "change a member's role",
    allowed: ["owner"],
    run: (actor, c) =>
      changeMemberRole({
        actor,
        campaignId: c.campaign.id,
        userId: c.team.extra.id,
        role: "organizer",
      }),
  },
  {
    name: "remove a member",
    allowed: ["owner"],
    run: (actor, c) => removeMember({ actor, campaignId: c.campaign.id, userId: c.team.extra.id }),
  },
  {
    name: "leave the campaign",
    allowed: ALL,
    run: (actor, c) => leaveCampaign({ actor, campaignId: c.campaign.id }),
  },
  {
    name: "list petitions",
    allowed: ALL,
    run: (actor, c) => listCampaignPetitions({ actor, campaignId: c.campaign.id }),
  },
  {
    name: "read a petition",
    allowed: ALL,
    run: (actor, c) =>
      getPetitionForMember({ actor, campaignId: c.campaign.id, petitionId: c.petition.id }),
  },
  {
    name: "create petition",
    allowed: MANAGERS,
    run: (actor, c) =>
      createPetition({ actor, campaignId: c.campaign.id, input: input(`new-${c.campaign.id}`) }),
  },
  {
    name: "edit petition",
    allowed: MANAGERS,
    run: (actor, c) =>
      updatePetition({
        actor,
        campaignId: c.campaign.id,
        petitionId: c.petition.id,
        input: { ...input(c.petition.slug) },
      }),
  },
  {
    name: "close petition",
    allowed: MANAGERS,
    run: (actor, c) =>
      transitionPetition({
        actor,
        campaignId: c.campaign.id,
        petitionId: c.petition.id,
        transition: "close",
      }),
  },
  {
    name: "publish petition",
    allowed: MANAGERS,
    run: async (actor, c) => {
      const draft = await createPetition({
        actor: { userId: c.team.owner.id },
        campaignId: c.campaign.id,
        input: input(`draft-${c.campaign.id}`),
      });
      return transitionPetition({
        actor,
        campaignId: c.campaign.id,
        petitionId: draft.id,
        transition: "publish",
      });
    },
  },
  {
    name: "list signatures",
    allowed: ALL,
    run: (actor, c) => listSignatures({ actor, petitionId: c.petition.id, filter: {} }),
  },
  {
    name: "count signatures",
    allowed: ALL,
    run: (actor, c) => countSignatures({ actor, petitionId: c.petition.id, filter: {} }),
  },
  {
    name: "signature charts",
    allowed: ALL,
    run: (actor, c) => signatureStats({ actor, petitionId: c.petition.id }),
  },
  {
    name: "hide a comment",
    allowed: MANAGERS,
    run: async (actor, c) =>
      setCommentHidden({
        actor,
        petitionId: c.petition.id,
        signatureId: await firstSignatureId(c),
        hidden: true,
      }),
  },
  {
    name: "invalidate a signature",
    allowed: MANAGERS,
    run: async (actor, c) =>
      invalidateSignature({
        actor,
        petitionId: c.petition.id,
        signatureId: await firstSignatureId(c),
        reason: "duplicate",
      }),
  },
  {
    name: "bulk-invalidate",
    allowed: MANAGERS,
    run: (actor, c) =>
      bulkInvalidateSignatures({
        actor,
        petitionId: c.petition.id,
        filter: { city: "Miami" },
        reason: "spam wave",
      }),
  },
  {
    name: "export CSV with contacts",
    allowed: MANAGERS,
    run: (actor, c) =>
      exportSignaturesCsv({ actor, petitionId: c.petition.id, filter: {}, variant: "full" }),
  },
  {
    name: "export delivery CSV",
    allowed: ["owner", "organizer", "coordinator"],
    run: (actor, c) =>
      exportSignaturesCsv({ actor, petitionId: c.petition.id, filter: {}, variant: "delivery" }),
  },
];

let team: Team;
beforeAll(async () => {
  team = await makeTeam();
});

function actorFor(who: Who): Actor {
  if (who === "nobody") return null;
  if (who === "stranger") return { userId: team.stranger.id };
  return { userId: team[who === "owner" ? "owner" : who].id };
}

describe("authorization matrix", () => {
  for (const action of actions) {
    for (const who of WHO) {
      const expected = action.allowed.includes(who) ? "allowed" : "refused";
      it(`${action.name} — ${who}: ${expected}`, async () => {
        const ctx = { ...(await makeCampaign(team, { n: 4 })), team };
        const outcome = await action.run(actorFor(who), ctx).then(
          () => "allowed",
          (error) => {
            if (error instanceof ForbiddenError) return "refused";
            throw error;
          },
        );
        expect(outcome).toBe(expected);
      });
    }
  }
});

describe("contact data by role", () => {
  for (const who of ["owner", "organizer", "coordinator", "viewer"] as const) {
    const sees = who === "owner" || who === "organizer";
    it(`${who} ${sees ? "receives" : "never receives"} email addresses from the table query`, async () => {
      const ctx = await makeCampaign(team, { n: 3 });
      const page = await listSignatures({
        actor: actorFor(who),
        petitionId: ctx.petition.id,
        filter: {},
      });
      // Owners and organizers see every signer; a coordinator (of no event here) and a viewer see a
      // packet view: verified signers only, and a coordinator only their own offices' signers.
      expect(page.rows.length).toBe(sees || who === "viewer" ? 3 : 0);
      for (const row of page.rows) {
        if (sees) expect(row.email).toMatch(/@example\.org$/);
        else expect("email" in row).toBe(false);
      }
      expect(JSON.stringify(page).includes("@example.org")).toBe(sees);
    });
  }

  it("the delivery CSV holds no email address or postal code", async () => {
    const ctx = await makeCampaign(team, { n: 10 });
    let csv = "";
    for await (const chunk of await exportSignaturesCsv({
      actor: actorFor("organizer"),
      petitionId: ctx.petition.id,
      filter: {},
      variant: "delivery",
    }))
      csv += chunk;
    expect(csv.split("\r\n")[0]).toBe("name,city,region,verified_at");
    expect(csv).not.toContain("@");
    expect(csv.trim().split("\r\n")).toHaveLength(1 + 8); // verified only (2 of 10 are pending)
  });
});
