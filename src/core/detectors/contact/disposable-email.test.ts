import { describe, expect, it } from 'vitest';
import {
  type BundleOverrides,
  type Expectation,
  firstSignal,
  runDetector,
  summarize,
} from '../../../../test/factories.ts';
import { disposableEmail } from './disposable-email.ts';
import { disposableDomain, emailDomain } from './email-domain.ts';

const email = (e: string): BundleOverrides => ({ subject: { email: e } });

const resume = (emails: string[], subjectEmail?: string): BundleOverrides => ({
  ...(subjectEmail ? { subject: { email: subjectEmail } } : {}),
  resume: { contact: { emails } },
});

const cases: [string, BundleOverrides, Expectation][] = [
  ['no email recorded: not evaluated', {}, 'not_evaluated'],
  ['no domain: not evaluated', email('alex.doe'), 'not_evaluated'],
  ['hostile long input: not evaluated', email(`${'a'.repeat(100_000)}@mailinator.com`), 'not_evaluated'],
  ['mailinator.com: medium', email('alex.doe@mailinator.com'), 'medium'],
  ['10minutemail.com: medium', email('alex@10minutemail.com'), 'medium'],
  ['guerrillamail.com: medium', email('alex@guerrillamail.com'), 'medium'],
  ['yopmail.com: medium', email('alex@yopmail.com'), 'medium'],
  ['upper case and spaces: medium', email(' Alex@MAILINATOR.COM '), 'medium'],
  ['subdomain of a listed domain: medium', email('alex@eu.mailinator.com'), 'medium'],
  ['gmail.com: nothing', email('alex.doe@gmail.com'), 'none'],
  ['a company domain: nothing', email('alex.doe@shopify.com'), 'none'],
  ['a university: nothing', email('alex.doe@utoronto.ca'), 'none'],
  ['a listed name as a label elsewhere: nothing', email('alex@mailinator.com.example.org'), 'none'],
  ['a disposable address only on the resume: medium', resume(['alex@yopmail.com']), 'medium'],
  ['a company address on the resume: nothing', resume(['alex.doe@shopify.com']), 'none'],
  ['only an unreadable resume address: not evaluated', resume(['alex at home']), 'not_evaluated'],
];

describe('contact.disposable-email', () => {
  it.each(cases)('%s', (_name, bundle, expected) => {
    expect(summarize(runDetector(disposableEmail, bundle))).toBe(expected);
  });

  it('finds the listed domain of a subdomain, case-insensitively', () => {
    expect(emailDomain('Alex@Mail.Mailinator.COM.')).toBe('mail.mailinator.com');
    expect(disposableDomain('mail.mailinator.com')).toBe('mailinator.com');
    expect(disposableDomain('SHARKLASERS.COM')).toBe('sharklasers.com');
    expect(disposableDomain('com')).toBeUndefined();
    expect(disposableDomain('outlook.com')).toBeUndefined();
    expect(emailDomain('a@b')).toBeUndefined();
    expect(emailDomain('@mailinator.com')).toBeUndefined();
  });

  it('explains the domain and the list', () => {
    const s = firstSignal(runDetector(disposableEmail, email('alex@eu.Mailinator.com')));
    expect(s.evidence).toEqual(['subject.email']);
    expect(s.explanation).toBe(
      'The email address uses a disposable-mail domain (eu.mailinator.com, under mailinator.com, on the disposable-email-domains (github.com/disposable-email-domains) list).',
    );
    expect(s.data).toEqual({
      email: 'alex@eu.Mailinator.com',
      domain: 'eu.mailinator.com',
      listedDomain: 'mailinator.com',
      list: 'disposable-email-domains (github.com/disposable-email-domains)',
      path: 'subject.email',
    });
  });

  it('reads the resume addresses too, says where each was found and does not repeat one', () => {
    const s = firstSignal(
      runDetector(
        disposableEmail,
        resume(['ALEX@mailinator.com', 'alex.doe@gmail.com', 'alex@yopmail.com'], 'alex@mailinator.com'),
      ),
    );
    expect(s.evidence).toEqual(['subject.email', 'resume.contact.emails[2]']);
    expect(s.explanation).toBe(
      'The email address uses a disposable-mail domain (mailinator.com, on the disposable-email-domains (github.com/disposable-email-domains) list). So does "alex@yopmail.com" (yopmail.com, on the resume).',
    );
    expect(s.data).toMatchObject({
      path: 'subject.email',
      others: [
        {
          email: 'alex@yopmail.com',
          domain: 'yopmail.com',
          listedDomain: 'yopmail.com',
          path: 'resume.contact.emails[2]',
        },
      ],
    });
  });

  it('a disposable address only on the resume points at the resume', () => {
    const s = firstSignal(
      runDetector(disposableEmail, resume(['a@b.example', 'alex@yopmail.com'], 'alex@utoronto.ca')),
    );
    expect(s.evidence).toEqual(['resume.contact.emails[1]']);
    expect(s.explanation).toContain('(yopmail.com, on the resume, on the disposable-email-domains');
  });
});
